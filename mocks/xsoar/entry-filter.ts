/**
 * The entry filter of `POST /investigation/{id}`, pure: `fromTime` (inclusive: an entry made at
 * that very instant is repeated rather than lost), `tags` with `tagsAndOperator` (all of them
 * rather than any), `categories`, `pageSize`. XSOAR Mirroring sends all of them
 * (Packs/XSOARmirroring/Integrations/XSOARmirroring/XSOARmirroring.py `Client.get_incident_entries`:
 * `categories=['attachments']` on fetch, the instance's categories and tags with
 * `tagsAndOperator=True` on get-remote-data). A category the server does not have is a 400 naming
 * it; the playbook categories exist but the fake runs no playbooks, so they match nothing.
 */
import { HarnessError } from '../../harness/core/index.ts';
import type { Entry } from '../../harness/index.ts';

export interface EntryFilter {
  fromTime?: string | undefined;
  tags?: string[] | null | undefined;
  tagsAndOperator?: boolean | undefined;
  categories?: string[] | null | undefined;
  pageSize?: number | undefined;
}

const CATEGORIES: Readonly<Record<string, (e: Entry) => boolean>> = {
  attachments: (e) => e.File !== undefined && e.File !== '',
  notes: (e) => e.Note,
  chats: (e) => e.source === 'user' && !e.Note && !e.File,
  commandAndResults: (e) => e.source === 'command',
  incidentInfo: (e) => e.source === 'system',
  playbookTaskResult: () => false,
  playbookTaskStartAndDone: () => false,
  playbookErrors: () => false,
  justFound: () => false,
  deleted: () => false,
};

export function filterEntries(entries: readonly Entry[], filter: EntryFilter): Entry[] {
  const from = filter.fromTime ? Date.parse(filter.fromTime) : undefined;
  if (from !== undefined && Number.isNaN(from))
    throw new HarnessError(
      'invalid-input',
      `xsoar api: failed to read the investigation filter: fromTime "${filter.fromTime}" is not an ISO time.`,
    );
  const unknown = (filter.categories ?? []).find((c) => !(c in CATEGORIES));
  if (unknown !== undefined)
    throw new HarnessError(
      'invalid-input',
      `xsoar api: failed to read the investigation filter: unknown category "${unknown}". Categories: ${Object.keys(CATEGORIES).join(', ')}.`,
    );
  const categories = filter.categories?.length ? filter.categories.map((c) => CATEGORIES[c]!) : undefined;
  const tags = filter.tags?.length ? filter.tags : undefined;
  const matching = entries
    .filter((e) => from === undefined || Date.parse(e.created) >= from)
    .filter((e) => !categories || categories.some((inCategory) => inCategory(e)))
    .filter(
      (e) =>
        !tags ||
        (filter.tagsAndOperator
          ? tags.every((t) => e.Tags.includes(t))
          : tags.some((t) => e.Tags.includes(t))),
    );
  return filter.pageSize ? matching.slice(0, filter.pageSize) : matching;
}
