/** Exit codes are contract: 0 done, 1 failed, 2 bad input. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** a progress line redrawn in place on a terminal; nothing elsewhere */
  progress?(text: string): void;
  isTty: boolean;
  /** standard input to its end (--key-stdin); the process's stdin when absent */
  readStdin?(): Promise<string>;
}

export const processIo: CliIo = {
  out: (t) => void process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => void process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  progress: (t) => void (process.stderr.isTTY && process.stderr.write(`\r${t}\x1b[K`)),
  isTty: Boolean(process.stderr.isTTY),
};
