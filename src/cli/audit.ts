import type { Records } from '../workflows/records.js';
import { type CliCommand, JSON_FLAG } from './command.js';
import { type CliIo, EXIT, type ExitCode } from './output.js';
import { withReadOnlyRecords } from './read-only-records.js';

/** `tyk-keybot audit verify`: walks the hash chain of the history; exit 1 when it is broken. */
export const auditCommand: CliCommand = {
  name: 'audit',
  args: 'verify',
  summary: "check the history's hash chain and MACs (exit 1 when a row was changed or deleted)",
  about: `Walks the history row by row: a changed row breaks its hash, a deleted row the sequence, and a
row rewritten without KEYBOT_SECRET_KEY its MAC. Prints the chain head (row and MAC) when intact,
to compare with the one the bot posts to NOTIFY_CHANNEL.`,
  flags: [JSON_FLAG],
  needs: 'KEYBOT_DB and KEYBOT_SECRET_KEY (the MACs are keyed with it)',
  examples: ['tyk-keybot audit verify', 'KEYBOT_DB=/var/lib/tyk-keybot/keybot.db tyk-keybot audit verify --json'],
  run: ({ positionals, values }, { io, env }) => {
    if (positionals[0] !== 'verify' || positionals.length > 1) {
      io.err('tyk-keybot audit: the only subcommand is verify. See tyk-keybot audit --help');
      return EXIT.badInput;
    }
    return withReadOnlyRecords(env, { needKey: true }, (records) => auditVerify(records, io, values['json'] === true));
  },
};

function auditVerify(records: Records, io: CliIo, json: boolean): ExitCode {
  const result = records.verifyChain();
  if (json) io.out(JSON.stringify(result));
  else if (result.ok)
    io.out(`history intact: ${result.rows} rows, hash chain verified; head row ${result.head.seq}, MAC ${result.head.mac}`);
  else io.out(`history BROKEN at row ${result.seq}: ${result.problem} (${result.rows} rows read)`);
  return result.ok ? EXIT.ok : EXIT.failed;
}
