/**
 * A syntax and depth check run before JSON.parse. JSON.parse's own messages quote the text around
 * the error (which may be a key) and give no line; this gives an offset, and refuses nesting deeper
 * than `maxDepth` without building anything.
 */
export type JsonCheck = { ok: true } | { ok: false; problem: 'syntax' | 'depth'; offset: number };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /[0-9a-fA-F]{4}/y;

export function checkJson(text: string, maxDepth: number): JsonCheck {
  const stack: string[] = [];
  let i = skipWs(text, 0);
  const fail = (problem: 'syntax' | 'depth' = 'syntax'): JsonCheck => ({ ok: false, problem, offset: i });

  for (;;) {
    // a value starts at i
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? '}' : ']');
      if (stack.length > maxDepth) return fail('depth');
      i = skipWs(text, i + 1);
      if (text[i] === stack.at(-1)) {
        stack.pop();
        i++;
      } else {
        if (c === '{') {
          i = memberKey(text, i);
          if (i < 0) return { ok: false, problem: 'syntax', offset: -i - 1 };
        }
        continue;
      }
    } else if (c === '"') {
      i = stringEnd(text, i);
      if (i < 0) return { ok: false, problem: 'syntax', offset: -i - 1 };
    } else {
      const re = c === '-' || (c !== undefined && c >= '0' && c <= '9') ? NUMBER : LITERAL;
      re.lastIndex = i;
      if (!re.test(text)) return fail();
      i = re.lastIndex;
    }
    // after a value: close containers or move to the next element
    for (;;) {
      i = skipWs(text, i);
      const close = stack.at(-1);
      if (close === undefined) return i === text.length ? { ok: true } : fail();
      if (text[i] === close) {
        stack.pop();
        i++;
        continue;
      }
      if (text[i] !== ',') return fail();
      i = skipWs(text, i + 1);
      if (close === '}') {
        i = memberKey(text, i);
        if (i < 0) return { ok: false, problem: 'syntax', offset: -i - 1 };
      }
      break;
    }
  }
}

function skipWs(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    i++;
  }
  return i;
}

/** `"name" :` then whitespace; returns the index of the value, or -(errorOffset + 1). */
function memberKey(text: string, i: number): number {
  if (text[i] !== '"') return -i - 1;
  const end = stringEnd(text, i);
  if (end < 0) return end;
  const colon = skipWs(text, end);
  if (text[colon] !== ':') return -colon - 1;
  return skipWs(text, colon + 1);
}

/** i is at the opening quote; returns the index after the closing quote, or -(errorOffset + 1). */
function stringEnd(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') return i + 1;
    if (c < ' ') return -i - 1;
    if (c !== '\\') continue;
    i++;
    if (text[i] === 'u') {
      HEX4.lastIndex = i + 1;
      if (!HEX4.test(text)) return -i - 1;
      i += 4;
    } else if (!ESCAPES.has(text[i] as string)) {
      return -i - 1;
    }
  }
  return -i - 1;
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
