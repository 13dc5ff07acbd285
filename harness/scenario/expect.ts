/**
 * The `expect` step: every sub-expectation is checked and every failure is reported at once,
 * each as a header plus only the mismatching paths (expected vs actual).
 */
import type { Harness } from '../api.ts';
import type { JournalRecord } from '../core/index.ts';
import { formatMismatches, matches, matchList, matchValue, show, type Mismatch } from './match.ts';
import type { RemoteHandle } from '../../mocks/registry/index.ts';
import type { CallPattern, ExpectStep } from './schema.ts';
import { describeSelector, selectIncident } from './select-incident.ts';
import { formatJournalRecord } from './timeline.ts';

export class ExpectationFailure extends Error {
  readonly sections: string[];
  constructor(sections: string[]) {
    super(sections.join('\n'));
    this.name = 'ExpectationFailure';
    this.sections = sections;
  }
}

export interface ExpectContext {
  harness: Harness;
  remotes: ReadonlyMap<string, RemoteHandle>;
  /** Journal length when the scenario started and at the previous expect step. */
  journalAtStart: number;
  journalAtLastExpect: number;
  startMs: number;
}

const section = (title: string, mismatches: Mismatch[]) =>
  `${title}\n${formatMismatches(mismatches, '    ')}`;

function checkCount(what: string, expected: unknown, actual: number, failures: string[]): void {
  if (expected !== undefined && !matches(expected, actual))
    failures.push(
      `${what}: expected ${typeof expected === 'number' ? expected : show(expected)}, got ${actual}`,
    );
}

function checkList(
  what: string,
  patterns: readonly unknown[] | undefined,
  items: readonly unknown[],
  describe: (item: unknown) => string,
  failures: string[],
): void {
  if (!patterns) return;
  for (const miss of matchList(patterns, items).unmatched) {
    const header = `${what}: nothing matches pattern ${miss.index + 1} ${show(miss.pattern)}`;
    if (!miss.nearest) failures.push(`${header} (there are none)`);
    else if (miss.nearest.mismatches.length === 0)
      failures.push(`${header}: the items it fits are taken by other patterns`);
    else
      failures.push(
        section(`${header}; nearest is ${describe(miss.nearest.item)}:`, miss.nearest.mismatches),
      );
  }
}

/** What a call pattern is matched against: the journal record with friendlier names. */
function callView(record: JournalRecord): Record<string, unknown> {
  return {
    command: record.command,
    instance: record.instance,
    args: record.args,
    outcome: record.outcome,
    trigger: record.trigger,
    incident: record.incidentId,
    note: record.note,
    error: record.error,
  };
}

function callWindow(ctx: ExpectContext, since: 'start' | 'last-expect' | undefined): JournalRecord[] {
  return ctx.harness.journal().slice(since === 'start' ? ctx.journalAtStart : ctx.journalAtLastExpect);
}

function checkCalls(
  expected: NonNullable<ExpectStep['calls']>,
  ctx: ExpectContext,
  failures: string[],
): void {
  const spec = Array.isArray(expected) ? { match: expected } : expected;
  const window = callWindow(ctx, 'since' in spec ? spec.since : undefined);
  const views = window.map(callView);
  const scope = 'since' in spec && spec.since === 'start' ? 'since the start' : 'since the previous expect';
  let from = 0;
  (spec.match ?? []).forEach((pattern: CallPattern, i) => {
    const found = views.findIndex((view, j) => j >= from && matches(pattern, view));
    if (found >= 0) {
      from = found + 1;
      return;
    }
    const rest = views.slice(from);
    const after = i === 0 ? '' : ` after call ${i}`;
    let nearest: { view: Record<string, unknown>; mismatches: Mismatch[] } | undefined;
    for (const view of rest) {
      const mismatches = matchValue(pattern, view);
      if (!nearest || mismatches.length < nearest.mismatches.length) nearest = { view, mismatches };
    }
    const header = `calls: no call ${show(pattern)}${after} ${scope} (${rest.length} calls searched)`;
    failures.push(
      nearest
        ? section(
            `${header}; nearest is ${show(nearest.view.command)} on ${show(nearest.view.instance)}:`,
            nearest.mismatches,
          )
        : header,
    );
  });
  if (!Array.isArray(expected)) {
    for (const pattern of expected.absent ?? []) {
      const hits = window.filter((r) => matches(pattern, callView(r)));
      if (hits.length > 0) {
        failures.push(
          `calls: expected no call ${show(pattern)} ${scope}, found ${hits.length}:\n${hits
            .slice(0, 5)
            .map((r) => `    ${formatJournalRecord(r, ctx.startMs)}`)
            .join('\n')}`,
        );
      }
    }
    if (expected.count !== undefined) {
      const counted = expected.where ? views.filter((v) => matches(expected.where, v)) : views;
      checkCount(
        `calls${expected.where ? ` matching ${show(expected.where)}` : ''} ${scope}`,
        expected.count,
        counted.length,
        failures,
      );
    }
  }
}

function checkErrors(
  expected: NonNullable<ExpectStep['errors']>,
  ctx: ExpectContext,
  failures: string[],
): void {
  const spec = typeof expected === 'number' ? { count: expected } : expected;
  const since = 'since' in spec ? spec.since : undefined;
  const errors = callWindow(ctx, since).filter((r) => r.outcome !== 'ok');
  const scope = since === 'start' ? 'since the start' : 'since the previous expect';
  if (spec.count !== undefined && !matches(spec.count, errors.length)) {
    const listing = errors
      .slice(-5)
      .map((r) => `    ${formatJournalRecord(r, ctx.startMs)}`)
      .join('\n');
    failures.push(
      `errors ${scope}: expected ${show(spec.count)}, got ${errors.length}${listing ? `:\n${listing}` : ''}`,
    );
  }
  if ('match' in spec)
    checkList(`errors ${scope}`, spec.match, errors.map(callView), (v) => show(v, 160), failures);
}

async function mirrorStatistics(harness: Harness): Promise<unknown> {
  const entries = await harness.serverCommand('getMirrorStatistics');
  const contents = entries[0]?.Contents;
  if (typeof contents !== 'string') return contents;
  try {
    return JSON.parse(contents);
  } catch {
    return contents;
  }
}

function remoteFor(ctx: ExpectContext, name: string | undefined): RemoteHandle {
  const remote = name !== undefined ? ctx.remotes.get(name) : [...ctx.remotes.values()][0];
  if (!remote) throw new Error(`remote "${String(name)}" is not running`);
  return remote;
}

const describeIncident = (i: unknown) => {
  const inc = i as { id?: string; name?: string };
  return `incident ${String(inc.id)} ${show(inc.name)}`;
};
const describeTicket = (t: unknown) => `ticket ${show((t as { id?: string }).id)}`;
const describeEntry = (e: unknown) =>
  `entry ${String((e as { id?: string }).id)} ${show((e as { Contents?: unknown }).Contents, 60)}`;

/** Checks every part of one expect step; throws ExpectationFailure listing all that failed. */
export async function checkExpectations(expect: ExpectStep, ctx: ExpectContext): Promise<void> {
  const failures: string[] = [];
  const { harness } = ctx;
  if (expect.incidents) {
    const all = harness.incidents.list();
    const where = expect.incidents.where;
    const list = where ? all.filter((i) => matches(where, i)) : all;
    const what = where ? `incidents where ${show(where)}` : 'incidents';
    checkCount(`${what} count`, expect.incidents.count, list.length, failures);
    checkList(what, expect.incidents.match, list, describeIncident, failures);
  }
  if (expect.incident) {
    const selected = selectIncident(harness, expect.incident);
    if ('problem' in selected) failures.push(`${describeSelector(expect.incident)}: ${selected.problem}`);
    else {
      const mismatches = matchValue(expect.incident.match, selected.incident);
      if (mismatches.length)
        failures.push(
          section(`${describeSelector(expect.incident)} (id ${selected.incident.id}):`, mismatches),
        );
    }
  }
  if (expect.entries) {
    const selected = selectIncident(harness, expect.entries);
    if ('problem' in selected)
      failures.push(`entries of ${describeSelector(expect.entries)}: ${selected.problem}`);
    else {
      const entries = harness.incidents.entries(selected.incident.id);
      const what = `entries of incident ${selected.incident.id}`;
      checkCount(`${what} count`, expect.entries.count, entries.length, failures);
      checkList(what, expect.entries.match, entries, describeEntry, failures);
    }
  }
  if (expect.tickets) {
    const remote = remoteFor(ctx, expect.tickets.remote);
    const where = expect.tickets.where;
    const items = remote.items().filter((t) => !where || matches(where, t));
    const what = `tickets on ${remote.name}${where ? ` where ${show(where)}` : ''}`;
    checkCount(`${what} count`, expect.tickets.count, items.length, failures);
    checkList(what, expect.tickets.match, items, describeTicket, failures);
  }
  if (expect.ticket) {
    const remote = remoteFor(ctx, expect.ticket.remote);
    const id = String(expect.ticket.id);
    const ticket = remote.item(id);
    if (ticket === undefined) failures.push(`ticket ${id} on ${remote.name}: not found`);
    else {
      const mismatches = expect.ticket.match ? matchValue(expect.ticket.match, ticket) : [];
      if (mismatches.length) failures.push(section(`ticket ${id} on ${remote.name}:`, mismatches));
      if (expect.ticket.comments) {
        const comments = remote.comments(id);
        checkCount(`comments of ticket ${id} count`, expect.ticket.comments.count, comments.length, failures);
        checkList(
          `comments of ticket ${id}`,
          expect.ticket.comments.match,
          comments,
          (c) => `comment ${show((c as { body?: string }).body, 60)}`,
          failures,
        );
      }
      if (expect.ticket.attachments) {
        const files = remote.attachments(id);
        checkCount(
          `attachments of ticket ${id} count`,
          expect.ticket.attachments.count,
          files.length,
          failures,
        );
        checkList(
          `attachments of ticket ${id}`,
          expect.ticket.attachments.match,
          files,
          (a) =>
            `attachment ${show((a as { name?: string; file_name?: string }).file_name ?? (a as { name?: string }).name, 60)}`,
          failures,
        );
      }
    }
  }
  if (expect.calls) checkCalls(expect.calls, ctx, failures);
  if (expect.errors !== undefined) checkErrors(expect.errors, ctx, failures);
  if (expect.stats) {
    const mismatches = matchValue(expect.stats, await mirrorStatistics(harness));
    if (mismatches.length) failures.push(section('getMirrorStatistics:', mismatches));
  }
  if (failures.length > 0) throw new ExpectationFailure(failures);
}
