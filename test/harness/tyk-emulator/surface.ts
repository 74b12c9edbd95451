import type { EmuReply, EmuRequest, Routes } from './http-kit.js';

/** One HTTP API of the emulator: its path prefix, routes, auth rule and error wording. */
export interface Surface {
  readonly prefix: string;
  readonly routes: Routes;
  /** management APIs get latency and faults; the consumer data plane and /_emulator/ do not */
  readonly management: boolean;
  /** undefined when allowed, else the API's own refusal */
  authorize(req: EmuRequest): EmuReply | undefined;
  error(status: number, message: string): EmuReply;
  notFound(): EmuReply;
  methodNotAllowed(): EmuReply;
}
