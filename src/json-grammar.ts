import { TokenType } from '@streamparser/json';

/** An open object or list: its kind, the member name being read (objects) and how many entries it holds so far. */
export interface JsonFrame {
  kind: 'object' | 'array';
  key: string;
  count: number;
}

/** What a reader does with the values the grammar finds; a hook returns a problem to stop the read. */
export interface JsonReader<F extends JsonFrame, P> {
  /** A value begins inside `parent` (undefined: the document's root), `depth` containers deep: a primitive or an opening brace or bracket. */
  check(token: TokenType, parent: F | undefined, depth: number): P | undefined;
  /** The frame of a container that opens inside `parent`, `depth` containers deep. */
  open(kind: JsonFrame['kind'], parent: F | undefined, depth: number): F;
  /** A string, number, true, false or null inside `parent`. */
  primitive(value: unknown, parent: F | undefined): void;
  /** `frame` ended inside `parent`. */
  close(frame: F, parent: F | undefined): void;
}

type Expect = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' | 'done';

const PRIMITIVES: ReadonlySet<TokenType> = new Set([TokenType.STRING, TokenType.NUMBER, TokenType.TRUE, TokenType.FALSE, TokenType.NULL]);

/**
 * JSON's grammar over `@streamparser/json`'s tokens (the tokenizer checks only the lexis): keeps the
 * stack of open containers and what may come next, and hands each value to a reader, which decides
 * what is built and what is only checked. The import's streamed JSON and the Tyk key listings both
 * read through it.
 */
export class JsonGrammar<F extends JsonFrame, P> {
  private readonly stack: F[] = [];
  private expect: Expect = 'value';

  constructor(private readonly reader: JsonReader<F, P>) {}

  /** The document's root value has ended. */
  get done(): boolean {
    return this.expect === 'done';
  }

  /** Returns the problem with this token: 'syntax' when JSON does not allow it here, or what the reader refused. */
  token(token: TokenType, value: unknown): P | 'syntax' | undefined {
    const top = this.stack.at(-1);
    switch (this.expect) {
      case 'done':
        return 'syntax';
      case 'colon':
        if (token !== TokenType.COLON) return 'syntax';
        this.expect = 'value';
        return undefined;
      case 'key':
      case 'key-or-end':
        if (token === TokenType.RIGHT_BRACE && this.expect === 'key-or-end') return this.end();
        if (token !== TokenType.STRING) return 'syntax';
        (top as F).key = value as string;
        this.expect = 'colon';
        return undefined;
      case 'comma-or-end':
        if (token === TokenType.COMMA) {
          this.expect = (top as F).kind === 'object' ? 'key' : 'value';
          return undefined;
        }
        if (token === ((top as F).kind === 'object' ? TokenType.RIGHT_BRACE : TokenType.RIGHT_BRACKET)) return this.end();
        return 'syntax';
      case 'value':
      case 'value-or-end': {
        if (token === TokenType.RIGHT_BRACKET && this.expect === 'value-or-end') return this.end();
        const opens = token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET;
        if (!opens && !PRIMITIVES.has(token)) return 'syntax';
        const problem = this.reader.check(token, top, this.stack.length);
        if (problem !== undefined) return problem;
        if (opens) {
          const kind = token === TokenType.LEFT_BRACE ? 'object' : 'array';
          this.stack.push(this.reader.open(kind, top, this.stack.length));
          this.expect = kind === 'object' ? 'key-or-end' : 'value-or-end';
        } else {
          this.reader.primitive(value, top);
          this.completed(top);
        }
        return undefined;
      }
    }
  }

  private end(): undefined {
    const frame = this.stack.pop() as F;
    const parent = this.stack.at(-1);
    this.reader.close(frame, parent);
    this.completed(parent);
    return undefined;
  }

  private completed(parent: F | undefined): void {
    if (parent === undefined) this.expect = 'done';
    else {
      parent.count++;
      this.expect = 'comma-or-end';
    }
  }
}
