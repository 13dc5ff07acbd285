/**
 * The `expect` step: every sub-expectation is checked and every failure is reported at once,
 * each as a header plus only the mismatching paths (expected vs actual).
 */
import type { Harness } from '../api.ts';
import { effectiveParams } from '../core/index.ts';
import { checkCalls, checkErrors } from './expect-calls.ts';

export { ExpectationFailure } from './expect-lists.ts';
import { checkCount, checkList, ExpectationFailure, section } from './expect-lists.ts';
import { matches, matchValue, show } from './match.ts';
import type { RemoteHandle } from '../../mocks/registry/index.ts';
import type { ExpectStep } from './schema.ts';
import { describeSelector, selectIncident } from './select-incident.ts';

export interface ExpectContext {
  harness: Harness;
  remotes: ReadonlyMap<string, RemoteHandle>;
  /** Journal length when the scenario started and at the previous expect step. */
  journalAtStart: number;
  journalAtLastExpect: number;
  /** The previous expect step (1-based number and line): it opened the default `calls` window. */
  lastExpect?: { step: number; line: number };
  startMs: number;
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

/**
 * What an integration keeps on the server, as `instance:` matches it: the params it is told
 * (effective: with isFetch, incidentFetchInterval, incidentType), lastRun, lastMirrorRun and the
 * integration context's value.
 */
function checkInstance(
  expected: NonNullable<ExpectStep['instance']>,
  harness: Harness,
  failures: string[],
): void {
  const instance = harness.world().instances[expected.name];
  if (!instance) {
    failures.push(`instance ${show(expected.name)}: no such instance`);
    return;
  }
  const view: Record<string, unknown> = {
    params: effectiveParams(instance),
    lastRun: instance.state.lastRun,
    lastMirrorRun: instance.state.lastMirrorRun,
    integrationContext: instance.state.integrationContext.context,
  };
  const mismatches = (['params', 'lastRun', 'lastMirrorRun', 'integrationContext'] as const).flatMap((key) =>
    expected[key] === undefined ? [] : matchValue(expected[key], view[key], key),
  );
  if (mismatches.length) failures.push(section(`instance ${expected.name}:`, mismatches));
}

/** The instance's fetch history (newest last), as XSOAR's Fetch History lists it (§B.2 item 8). */
function checkFetchHistory(
  expected: NonNullable<ExpectStep['fetchHistory']>,
  harness: Harness,
  failures: string[],
): void {
  const records = harness.world().fetchHistory[expected.instance] ?? [];
  const what = `fetch history of ${expected.instance}`;
  checkCount(`${what} count`, expected.count, records.length, failures);
  checkList(
    what,
    expected.match,
    records,
    (r) => `the record at ${show((r as { at?: string }).at)}`,
    failures,
  );
  if (expected.last !== undefined) {
    const last = records.at(-1);
    if (!last) failures.push(`${what}: no record yet, so none is last`);
    else {
      const mismatches = matchValue(expected.last, last);
      if (mismatches.length) failures.push(section(`${what}, last record (at ${last.at}):`, mismatches));
    }
  }
}

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
  if (expect.instance) checkInstance(expect.instance, harness, failures);
  if (expect.fetchHistory) checkFetchHistory(expect.fetchHistory, harness, failures);
  const windowContext = { ...ctx, journal: harness.journal() };
  if (expect.calls) checkCalls(expect.calls, windowContext, failures);
  if (expect.errors !== undefined) checkErrors(expect.errors, windowContext, failures);
  if (expect.stats) {
    const mismatches = matchValue(expect.stats, await mirrorStatistics(harness));
    if (mismatches.length) failures.push(section('getMirrorStatistics:', mismatches));
  }
  if (failures.length > 0) throw new ExpectationFailure(failures);
}
