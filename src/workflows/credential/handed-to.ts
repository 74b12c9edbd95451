import { joinParts, type SayPart } from '../say.js';

/**
 * "U1 and U2 got the new secret by DM (Reveal button)." (Slack mentions them). A CLI operator
 * (`cli:…`) is named as such: the CLI hands the value over itself, no DM.
 */
export function handedTo(users: string[], noun: string): SayPart[] {
  const unique = [...new Set(users)];
  const names = joinParts(
    unique.map((user) => ({ user })),
    ' and ',
  );
  return [...names, ` got the new ${noun}${unique.some((u) => !u.startsWith('cli:')) ? ' by DM (Reveal button)' : ''}.`];
}
