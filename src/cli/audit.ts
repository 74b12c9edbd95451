import type { Store } from '../store/index.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';

/** `tyk-keybot audit verify`: walks the hash chain of the history; exit 1 when it is broken. */
export function auditVerify(store: Store, io: CliIo, json: boolean): ExitCode {
  const result = store.history.verify();
  if (json) io.out(JSON.stringify(result));
  else if (result.ok)
    io.out(`history intact: ${result.rows} rows, hash chain verified; head row ${result.head.seq}, MAC ${result.head.mac}`);
  else io.out(`history BROKEN at row ${result.seq}: ${result.problem} (${result.rows} rows read)`);
  return result.ok ? EXIT.ok : EXIT.failed;
}
