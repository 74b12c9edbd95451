import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileFromPath, type ImportFormat, type ImportOptions, type ImportRecord, openImport } from '../../src/importers/index.js';

export const FIXTURES = new URL('../fixtures/import', import.meta.url).pathname;

export interface Oracle {
  source: string;
  input: string;
  aux_inputs: Record<string, string>;
  options: {
    reference_time: number;
    min_key_length: number;
    api_map: ImportOptions['apiMap'];
    azure_key_slots: ImportOptions['azureKeySlots'];
    default_policies: string[];
  };
  summary: { ok: number; skipped: number; error: number };
  records: Array<{ ref: string; result: string; key?: string; session?: unknown; warnings?: string[]; reason?: string; error?: string }>;
}

const FORMAT_OF: Record<string, ImportFormat> = {
  'kong-deck': 'kong',
  'aws-apigateway': 'aws',
  'aws-import-csv': 'aws',
  apigee: 'apigee',
  'azure-apim': 'azure',
  tyk: 'tyk',
  'generic-csv': 'csv',
};

export const readOracle = (name: string): Oracle => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Oracle;

export const optionsOf = (o: Oracle): ImportOptions => ({
  referenceTime: o.options.reference_time,
  minKeyLength: o.options.min_key_length,
  apiMap: o.options.api_map,
  azureKeySlots: o.options.azure_key_slots,
  defaultPolicies: o.options.default_policies,
});

/** Runs the importer on an oracle's input with its options; aux files go first to show roles come from content. */
export async function runOracle(o: Oracle): Promise<{ files: Array<{ name: string; role: string }>; records: ImportRecord[] }> {
  const format = FORMAT_OF[o.source];
  if (!format) throw new Error(`no format for ${o.source}`);
  const paths = [...Object.values(o.aux_inputs), o.input].map((f) => join(FIXTURES, f));
  const parsed = await openImport(format, paths.map(fileFromPath), optionsOf(o));
  const records: ImportRecord[] = [];
  for await (const r of parsed.records) records.push(r);
  return { files: parsed.files, records };
}
