import { KeybotError } from '../errors.js';

/**
 * A file-level problem: the whole import stops before (or, for streamed CSV, while) records come out.
 * The message names the file and says what to do; it never quotes file content, which may hold keys.
 */
export const badFile = (fileName: string, problem: string, fix: string): KeybotError =>
  new KeybotError('BAD_INPUT', `"${fileName}" ${problem}; ${fix}.`, false, { file: fileName });
