import { extname } from 'node:path';
import type { FileRecord } from '../store.js';
import type { Identity } from './context.js';

const TYPES: Record<string, { filetype: string; mimetype: string }> = {
  '.csv': { filetype: 'csv', mimetype: 'text/csv' },
  '.json': { filetype: 'json', mimetype: 'application/json' },
  '.yaml': { filetype: 'yaml', mimetype: 'text/plain' },
  '.yml': { filetype: 'yaml', mimetype: 'text/plain' },
  '.txt': { filetype: 'text', mimetype: 'text/plain' },
};

/** A file record with Slack's private URLs: files.slack.com/files-pri/T…-F…/name and …/download/name (or at `origin`). */
export function newFileRecord(
  id: Identity,
  fileId: string,
  name: string,
  content: Buffer,
  opts: { filetype?: string; uploaded: boolean; nowMs: number; origin?: string },
): FileRecord {
  const known = TYPES[extname(name).toLowerCase()] ?? { filetype: 'binary', mimetype: 'application/octet-stream' };
  const base = `${opts.origin ? `${opts.origin}/` : id.baseUrl}files-pri/${id.teamId}-${fileId}`;
  const created = Math.floor(opts.nowMs / 1000);
  return {
    id: fileId,
    name,
    title: name,
    filetype: opts.filetype ?? known.filetype,
    mimetype: known.mimetype,
    size: content.length,
    created,
    timestamp: created,
    url_private: `${base}/${encodeURIComponent(name)}`,
    url_private_download: `${base}/download/${encodeURIComponent(name)}`,
    content,
    uploaded: opts.uploaded,
  };
}

/** The file object of files.info and files.completeUploadExternal; never the bytes. */
export function fileObject(f: FileRecord, id: Identity): Record<string, unknown> {
  return {
    id: f.id,
    created: f.created,
    timestamp: f.timestamp,
    name: f.name,
    title: f.title,
    mimetype: f.mimetype,
    filetype: f.filetype,
    pretty_type: f.filetype.toUpperCase(),
    user: id.botUserId,
    user_team: id.teamId,
    mode: 'hosted',
    is_external: false,
    is_public: false,
    size: f.size,
    url_private: f.url_private,
    url_private_download: f.url_private_download,
    permalink: `https://${id.teamDomain}.slack.com/files/${id.botUserId}/${f.id}/${encodeURIComponent(f.name)}`,
    ...(f.alt_text ? { alt_txt: f.alt_text } : {}),
  };
}
