/**
 * Uploads as Zendesk keeps them: the bytes become an attachment at once, and the upload token
 * attaches them to the next comment that names it (once). Tokens derive from ids, so the same
 * requests give the same answers on every run.
 */
import { createHash } from 'node:crypto';
import type { ZdAttachment, ZdUpload, ZendeskState } from './model.ts';

/** Uploads expire after three days, as Zendesk's do. */
const UPLOAD_LIFETIME_MS = 3 * 86_400_000;

export function addUpload(
  state: ZendeskState,
  name: string,
  bytes: Buffer,
  now: number,
  /** A token given back adds this file to that upload, as Zendesk's multi-file uploads do. */
  existing?: string | null,
): { entry: ZdUpload; attachment: ZdAttachment } {
  const id = state.next.attachment++;
  const attachment: ZdAttachment = {
    id,
    token: tokenOf('attachment', id, 24),
    file_name: name,
    content_type: guessType(name),
    content_base64: bytes.toString('base64'),
    size: bytes.length,
  };
  state.attachments[id] = attachment;
  const token = existing && state.uploads[existing] ? existing : tokenOf('upload', id, 16);
  const entry = (state.uploads[token] ??= {
    token,
    attachment_ids: [],
    expires_at: now + UPLOAD_LIFETIME_MS,
  });
  entry.attachment_ids.push(id);
  return { entry, attachment };
}

/** Tokens are derived from ids, so the same requests give the same answers on every run. */
function tokenOf(kind: string, id: number, length: number): string {
  return createHash('sha256').update(`${kind}:${id}`).digest('base64url').slice(0, length);
}

function guessType(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return (
    {
      txt: 'text/plain',
      json: 'application/json',
      png: 'image/png',
      jpg: 'image/jpeg',
      pdf: 'application/pdf',
      eml: 'message/rfc822',
    }[ext] ?? 'application/binary'
  );
}
