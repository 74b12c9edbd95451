/**
 * A sentence that names people, without any surface's markup: workflows write `['This button is for ',
 * { user: id }, ' only.']`, and each surface renders the parts (Slack: `<@U…>` and `<!subteam^S…>`
 * mentions with the text escaped, src/slack/blocks/kit.ts `say`; the CLI: `sayText` below). A plain
 * string is a sentence with nobody in it. No Slack markup (`<@…>`, `<!subteam^…>`, `:emoji:`) is
 * written in src/workflows (test/docs/no-markup.test.ts).
 */
export type Say = string | readonly SayPart[];
/** `user`: a Slack user ID, or one of the bot's own actors (`keybot`, `cli:<user>`); `group`: a Slack user-group ID (`S…`) */
export type SayPart = string | { user: string } | { group: string };

/** An approver as named in APPROVERS or a rotation rule: `S…` is a user group, anything else a user. */
export const approverPart = (id: string): SayPart => (id.startsWith('S') ? { group: id } : { user: id });

/** `a`, `a and b`: people joined for a sentence. */
export const joinParts = (parts: readonly SayPart[], sep: string): SayPart[] => parts.flatMap((p, i) => (i === 0 ? [p] : [sep, p]));

/** Strings and runs of parts as one Say: `says('Rotated … ', handedTo(users, 'key'), ' The old key no longer works.')`. */
export const says = (...parts: (string | readonly SayPart[])[]): Say => parts.flatMap((p) => (typeof p === 'string' ? [p] : p));

/** Plain text, for the CLI and logs: users and groups as their IDs, `cli:…` operators as they are. */
export const sayText = (s: Say): string =>
  typeof s === 'string' ? s : s.map((p) => (typeof p === 'string' ? p : 'user' in p ? p.user : p.group)).join('');
