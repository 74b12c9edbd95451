/**
 * One Bolt listener for several IDs of one kind (commands, buttons, forms), dispatched here by a
 * map. Bolt runs every registered listener's middleware chain for every request it receives, each
 * with copies of the request's arguments, before the one that matches can ack: with a listener
 * per ID that was two dozen chains per ack (a profile of the ack load put Bolt's middleware
 * dispatch among the bot's larger costs). Matching is unchanged: an exact ID, or nothing runs.
 */
export interface Route<A> {
  /** matches exactly the IDs of the map, for Bolt's constraint */
  pattern: RegExp;
  listener: (args: A) => Promise<void>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function route<A>(
  handlers: ReadonlyArray<readonly [string, (args: A) => Promise<void>]>,
  idOf: (args: A) => string | undefined,
): Route<A> {
  const byId = new Map(handlers);
  return {
    pattern: new RegExp(`^(?:${[...byId.keys()].map(escapeRegExp).join('|')})$`),
    listener: async (args: A) => {
      const handler = byId.get(idOf(args) ?? '');
      if (handler) await handler(args);
    },
  };
}
