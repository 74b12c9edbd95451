#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { runCli } from './cli/run-cli.js';

/** `tyk-keybot`: the same workflows from a terminal, for CI/CD. */
if (existsSync('.env')) process.loadEnvFile('.env');
runCli(process.argv.slice(2)).then((code) => {
  // Exit once stdout has drained: a large --json answer into a pipe must not be cut off.
  process.stdout.write('', () => process.exit(code));
});
