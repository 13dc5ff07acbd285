/**
 * `calls` and `errors` expectations: patterns over the journal of commands. Both look at a WINDOW
 * of the journal — by default the calls made since the previous expect step, or with `since:
 * start` every call of the scenario — and every message names that window (which step opened it,
 * how many calls it holds), because "since the previous expect" is easy to misread: a call made
 * before the previous expect is not in it, and an `absent` check over an empty window proves little.
 */
import type { JournalRecord } from '../core/index.ts';
import { checkList, section } from './expect-lists.ts';
import { matches, matchValue, show, type Mismatch } from './match.ts';
import type { CallPattern, ExpectStep } from './schema.ts';
import { formatJournalRecord } from './timeline.ts';

export interface CallWindowContext {
  journal: readonly JournalRecord[];
  /** Journal length when the scenario started and at the previous expect step. */
  journalAtStart: number;
  journalAtLastExpect: number;
  /** The previous expect step (1-based number and line), if there was one. */
  lastExpect?: { step: number; line: number };
  startMs: number;
}

interface CallWindow {
  records: JournalRecord[];
  /** `since the previous expect (step 3, line 14): 4 calls` */
  label: string;
}

function windowOf(ctx: CallWindowContext, since: 'start' | 'last-expect' | undefined): CallWindow {
  const fromStart = since === 'start' || ctx.lastExpect === undefined;
  const records = ctx.journal.slice(fromStart ? ctx.journalAtStart : ctx.journalAtLastExpect);
  const calls = `${records.length} call${records.length === 1 ? '' : 's'}`;
  const label =
    since === 'start'
      ? `since the start: ${calls}`
      : ctx.lastExpect === undefined
        ? `since the start (no expect step before this one): ${calls}`
        : `since the previous expect (step ${ctx.lastExpect.step}, line ${ctx.lastExpect.line}): ${calls}`;
  return { records, label };
}

/** What a call pattern is matched against: the journal record with friendlier names. */
export function callView(record: JournalRecord): Record<string, unknown> {
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

const listing = (records: JournalRecord[], startMs: number) =>
  records.map((r) => `    ${formatJournalRecord(r, startMs)}`).join('\n');

export function checkCalls(
  expected: NonNullable<ExpectStep['calls']>,
  ctx: CallWindowContext,
  failures: string[],
): void {
  const spec = Array.isArray(expected) ? { match: expected } : expected;
  const window = windowOf(ctx, 'since' in spec ? spec.since : undefined);
  const views = window.records.map(callView);
  let from = 0;
  (spec.match ?? []).forEach((pattern: CallPattern, i) => {
    const found = views.findIndex((view, j) => j >= from && matches(pattern, view));
    if (found >= 0) {
      from = found + 1;
      return;
    }
    const rest = views.slice(from);
    const after = i === 0 ? '' : `, after the call matching pattern ${i}`;
    let nearest: { view: Record<string, unknown>; mismatches: Mismatch[] } | undefined;
    for (const view of rest) {
      const mismatches = matchValue(pattern, view);
      if (!nearest || mismatches.length < nearest.mismatches.length) nearest = { view, mismatches };
    }
    const header = `calls ${window.label}: no call ${show(pattern)}${after} (${rest.length} searched)`;
    failures.push(
      nearest
        ? section(
            `${header}; nearest is ${show(nearest.view.command)} on ${show(nearest.view.instance)}:`,
            nearest.mismatches,
          )
        : header,
    );
  });
  if (Array.isArray(expected)) return;
  for (const pattern of expected.absent ?? []) {
    const hits = window.records.filter((r) => matches(pattern, callView(r)));
    if (hits.length > 0)
      failures.push(
        `calls ${window.label}: expected no call ${show(pattern)}, found ${hits.length}:\n${listing(hits.slice(0, 5), ctx.startMs)}`,
      );
  }
  if (expected.count !== undefined) {
    const counted = expected.where ? views.filter((v) => matches(expected.where, v)) : views;
    if (!matches(expected.count, counted.length))
      failures.push(
        `calls ${window.label}: expected ${show(expected.count)}${expected.where ? ` matching ${show(expected.where)}` : ''}, got ${counted.length}`,
      );
  }
}

export function checkErrors(
  expected: NonNullable<ExpectStep['errors']>,
  ctx: CallWindowContext,
  failures: string[],
): void {
  const spec = typeof expected === 'number' ? { count: expected } : expected;
  const window = windowOf(ctx, 'since' in spec ? spec.since : undefined);
  const errors = window.records.filter((r) => r.outcome !== 'ok');
  const what = `errors (calls ${window.label})`;
  if (spec.count !== undefined && !matches(spec.count, errors.length)) {
    const shown = listing(errors.slice(-5), ctx.startMs);
    failures.push(`${what}: expected ${show(spec.count)}, got ${errors.length}${shown ? `:\n${shown}` : ''}`);
  }
  if ('match' in spec) checkList(what, spec.match, errors.map(callView), (v) => show(v, 160), failures);
}
