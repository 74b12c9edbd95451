/**
 * "<@U1> and <@U2> got the new secret by DM (Reveal button)." A CLI operator (`cli:…`) is named as
 * such: the CLI hands the value over itself, no DM.
 */
export function handedTo(users: string[], noun: string): string {
  const unique = [...new Set(users)];
  const names = unique.map((u) => (u.startsWith('cli:') ? u : `<@${u}>`)).join(' and ');
  return `${names} got the new ${noun}${unique.some((u) => !u.startsWith('cli:')) ? ' by DM (Reveal button)' : ''}.`;
}
