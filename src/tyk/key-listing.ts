import { Tokenizer, TokenType } from '@streamparser/json';
import { type JsonFrame, JsonGrammar } from '../json-grammar.js';
import { BadReply, type BodySink } from './http.js';

interface Frame extends JsonFrame {
  /** this container lies on the way to the list (its depth is its position on `path`) */
  onPath: boolean;
}

const NOT_JSON = 'sent a reply that is not JSON';
const unreadable = (where: string, what: string) => new BadReply(`sent a reply the bot cannot read (${where}: ${what})`);

/**
 * A key listing read as it arrives (`{"keys":[…]}`, the Dashboard's `{"data":{"keys":[…]}}`): the
 * strings of the list at `path` go straight into a Set, everything else is checked and dropped, so
 * a million keys cost a million strings, not the body, a parsed array and a copy. A container on the
 * path may be null or missing (an empty listing). Failures name a position in the reply, never a
 * value, since the values are keys.
 */
export function keyListing(path: readonly string[]): () => BodySink<Set<string>> {
  // on the path: the root, or a member of a container on the path named as the path goes on
  const onPath = (parent: Frame | undefined, depth: number) =>
    parent === undefined || (parent.onPath && parent.kind === 'object' && depth <= path.length && parent.key === path[depth - 1]);
  const inList = (parent: Frame | undefined) => parent?.onPath === true && parent.kind === 'array';

  return () => {
    const keys = new Set<string>();
    const tokenizer = new Tokenizer();
    let failure: BadReply | undefined;
    const grammar = new JsonGrammar<Frame, BadReply>({
      // a value's place decides what it may be
      check(token, parent, depth) {
        if (inList(parent))
          return token === TokenType.STRING ? undefined : unreadable(`${path.join('.')}.${parent?.count}`, 'expected a string');
        if (!onPath(parent, depth)) return undefined;
        const wanted = depth < path.length ? TokenType.LEFT_BRACE : TokenType.LEFT_BRACKET;
        if (token === wanted || (parent !== undefined && token === TokenType.NULL)) return undefined;
        return unreadable(path.slice(0, depth).join('.') || 'reply', depth < path.length ? 'expected an object' : 'expected a list');
      },
      open: (kind, parent, depth) => ({ kind, key: '', count: 0, onPath: !inList(parent) && onPath(parent, depth) }),
      primitive(value, parent) {
        if (inList(parent)) keys.add(value as string);
      },
      close() {},
    });

    tokenizer.onToken = ({ token, value: v }) => {
      if (failure === undefined && token !== TokenType.SEPARATOR) {
        const problem = grammar.token(token, v);
        failure = problem === 'syntax' ? new BadReply(NOT_JSON) : problem;
      }
    };
    // the tokenizer's own message quotes the bytes it stopped at (perhaps part of a key): it is dropped
    tokenizer.onError = () => {
      failure ??= new BadReply(NOT_JSON);
    };
    return {
      write(chunk) {
        if (failure === undefined) tokenizer.write(chunk);
        if (failure) throw failure;
      },
      end() {
        if (failure === undefined && !tokenizer.isEnded) tokenizer.end();
        if (failure === undefined && !grammar.done) failure = new BadReply(NOT_JSON);
        if (failure) throw failure;
        return keys;
      },
    };
  };
}
