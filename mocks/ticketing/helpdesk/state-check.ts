/** A light shape check of a whole state (restore, persisted files): enough to refuse the wrong file. */
import { HttpError } from '../../shared/index.ts';
import type { HelpdeskState } from './model.ts';

export function checkState(value: unknown): asserts value is HelpdeskState {
  const s = value as Partial<HelpdeskState> | null;
  const problems: string[] = [];
  const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (s === null || !isRecord(s)) problems.push('it is not a JSON object');
  else {
    if (s.schema !== 1) problems.push(`schema must be 1 (got ${JSON.stringify(s.schema)})`);
    for (const key of ['tickets', 'comments', 'attachments'] as const)
      if (!isRecord(s[key])) problems.push(`"${key}" must be an object`);
    for (const key of ['nextTicket', 'nextComment', 'nextAttachment'] as const)
      if (!(Number.isInteger(s[key]) && (s[key] as number) >= 1))
        problems.push(`"${key}" must be an integer >= 1`);
    if (isRecord(s.tickets))
      for (const [id, t] of Object.entries(s.tickets as Record<string, unknown>)) {
        const ticket = t as Record<string, unknown> | null;
        if (
          !isRecord(ticket) ||
          ticket!.id !== id ||
          typeof ticket!.updated_at !== 'string' ||
          !Number.isInteger(ticket!.version)
        ) {
          problems.push(`ticket "${id}" is malformed (needs id = its key, updated_at, version)`);
          break;
        }
      }
  }
  if (problems.length)
    throw new HttpError(
      400,
      'invalid_state',
      `helpdesk: failed to restore state: ${problems.join('; ')}. Pass what GET /admin/snapshot returned.`,
    );
}
