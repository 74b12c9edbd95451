import { Tokenizer, TokenType } from '@streamparser/json';
import { BadReply, type BodySink } from './http.js';

type Expect = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' | 'done';

interface Frame {
  kind: 'object' | 'array';
  /** this container lies on the way to the list (its depth is its position on `path`) */
  onPath: boolean;
  key: string;
  count: number;
}

const NOT_JSON = 'sent a reply that is not JSON';
const unreadable = (where: string, what: string) => new BadReply(`sent a reply the bot cannot read (${where}: ${what})`);

/**
 * A key listing read as it arrives (`{"keys":[…]}`, the Dashboard's `{"data":{"keys":[…]}}`): the
 * strings of the list at `path` go straight into a Set, everything else is checked and dropped, so
 * a million keys cost a million strings, not the body, a parsed array and a copy. A container on the
 * path may be null or missing (an empty listing). The grammar is checked here (the tokenizer checks
 * only the lexis); failures name a position in the reply, never a value, since the values are keys.
 */
// long: a factory of sinks; each sink is one parse state (stack, expectation) shared by its grammar steps
export function keyListing(path: readonly string[]): () => BodySink<Set<string>> {
  // long: one sink: the grammar's steps share its stack and expectation
  return () => {
    const keys = new Set<string>();
    const tokenizer = new Tokenizer();
    const stack: Frame[] = [];
    let expect: Expect = 'value';
    let failure: BadReply | undefined;

    /** A value begins (or is a primitive) in the top container: its place decides what it may be. */
    const value = (token: TokenType, v: unknown): BadReply | undefined => {
      const parent = stack.at(-1);
      const depth = stack.length;
      // on the path: the root, or a member of a container on the path named as the path goes on
      const onPath =
        parent === undefined || (parent.onPath && parent.kind === 'object' && depth <= path.length && parent.key === path[depth - 1]);
      const inList = parent?.onPath && parent.kind === 'array';
      if (inList) {
        if (token !== TokenType.STRING) return unreadable(`${path.join('.')}.${parent.count}`, 'expected a string');
        keys.add(v as string);
      } else if (onPath) {
        const wanted = depth < path.length ? TokenType.LEFT_BRACE : TokenType.LEFT_BRACKET;
        const allowed = token === wanted || (parent !== undefined && token === TokenType.NULL);
        if (!allowed)
          return unreadable(path.slice(0, depth).join('.') || 'reply', depth < path.length ? 'expected an object' : 'expected a list');
      }
      if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
        const kind = token === TokenType.LEFT_BRACE ? 'object' : 'array';
        stack.push({ kind, onPath: onPath && !inList, key: '', count: 0 });
        expect = kind === 'object' ? 'key-or-end' : 'value-or-end';
        return undefined;
      }
      return complete();
    };
    const complete = (): undefined => {
      const parent = stack.at(-1);
      if (parent === undefined) expect = 'done';
      else {
        parent.count++;
        expect = 'comma-or-end';
      }
      return undefined;
    };
    const close = (): undefined => {
      stack.pop();
      return complete();
    };

    const grammar = (token: TokenType, v: unknown): BadReply | undefined => {
      const top = stack.at(-1);
      switch (expect) {
        case 'done':
          return new BadReply(NOT_JSON);
        case 'colon':
          if (token !== TokenType.COLON) return new BadReply(NOT_JSON);
          expect = 'value';
          return undefined;
        case 'key':
        case 'key-or-end':
          if (token === TokenType.RIGHT_BRACE && expect === 'key-or-end') return close();
          if (token !== TokenType.STRING) return new BadReply(NOT_JSON);
          (top as Frame).key = v as string;
          expect = 'colon';
          return undefined;
        case 'comma-or-end':
          if (token === TokenType.COMMA) {
            expect = (top as Frame).kind === 'object' ? 'key' : 'value';
            return undefined;
          }
          if (token === ((top as Frame).kind === 'object' ? TokenType.RIGHT_BRACE : TokenType.RIGHT_BRACKET)) return close();
          return new BadReply(NOT_JSON);
        case 'value':
        case 'value-or-end':
          if (token === TokenType.RIGHT_BRACKET && expect === 'value-or-end') return close();
          if (
            token === TokenType.COLON ||
            token === TokenType.COMMA ||
            token === TokenType.RIGHT_BRACE ||
            token === TokenType.RIGHT_BRACKET
          )
            return new BadReply(NOT_JSON);
          return value(token, v);
      }
    };

    tokenizer.onToken = ({ token, value: v }) => {
      if (failure === undefined && token !== TokenType.SEPARATOR) failure = grammar(token, v);
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
        if (failure === undefined && expect !== 'done') failure = new BadReply(NOT_JSON);
        if (failure) throw failure;
        return keys;
      },
    };
  };
}
