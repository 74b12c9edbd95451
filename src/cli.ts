#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { runCli } from './cli/run-cli.js';

/** `tyk-keybot`: the same workflows from a terminal, for CI/CD. */
if (existsSync('.env')) process.loadEnvFile('.env');
runCli(process.argv.slice(2)).then((code) => process.exit(code));
