/** The dashboard's timeline feed: which mirror cycles are quiet, in what order items go out. */
import { describe, expect, it } from 'vitest';
import type { HarnessEvent, JournalRecord } from '../../harness/index.ts';
import { createTimelineFeed, type FeedSource } from '../../mocks/xsoar/timeline-feed.ts';
import type { TimelineItem } from '../../mocks/xsoar/timeline.ts';

const AT = '2026-01-01T00:00:00.000Z';
let seq = 0;

function record(command: string, note: string, outcome: JournalRecord['outcome'] = 'ok'): JournalRecord {
  return {
    seq: ++seq,
    at: AT,
    instance: 'desk_1',
    command,
    args: {},
    outcome,
    entries: [],
    durationMs: 3,
    trigger: command === 'update-remote-system' ? 'mirror-out' : 'mirror-in',
    note,
  };
}

function source(journal: JournalRecord[] = []) {
  const listeners = new Set<(e: HarnessEvent) => void>();
  const src: FeedSource & { emit(e: HarnessEvent): void } = {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    journal: () => journal,
    now: () => Date.parse(AT),
    emit: (e) => listeners.forEach((l) => l(e)),
  };
  return src;
}

/** A feed over a fresh source, and every item it sends. */
function watch(journal: JournalRecord[] = []) {
  const src = source(journal);
  const feed = createTimelineFeed(src);
  const seen: TimelineItem[] = [];
  feed.subscribe((i) => seen.push(i));
  return { src, feed, seen };
}

const start = (): HarnessEvent => ({ type: 'job', job: 'mirror', phase: 'start', at: AT });
const end = (): HarnessEvent => ({ type: 'job', job: 'mirror', phase: 'end', at: AT, note: 'desk_1: …' });
const ran = (r: JournalRecord): HarnessEvent => ({ type: 'journal', record: r });
const nothing = () => record('get-modified-remote-data', 'nothing modified');
const shape = (items: TimelineItem[]) =>
  items
    .filter((i) => i.kind !== 'change')
    .map((i) => `${i.command ?? `${i.job} ${i.phase}`}${i.quiet ? ' (quiet)' : ''}`);

describe('timeline feed', () => {
  it('marks a mirror cycle that only found nothing modified as quiet, job end included', () => {
    const { src, seen } = watch();
    src.emit(start());
    src.emit(ran(nothing()));
    src.emit(end());
    expect(shape(seen)).toEqual(['get-modified-remote-data (quiet)', 'mirror end (quiet)']);
  });

  it('keeps every item of a cycle that pushed or pulled something loud, in the order they ran', () => {
    const { src, seen } = watch();
    src.emit(start());
    src.emit(ran(nothing()));
    src.emit(ran(record('update-remote-system', 'pushed: delta severity')));
    src.emit(end());
    src.emit(start());
    src.emit(ran(record('get-modified-remote-data', '1 incident to pull')));
    src.emit(ran(record('get-remote-data', 'fields status')));
    src.emit(end());
    expect(shape(seen)).toEqual([
      'get-modified-remote-data',
      'update-remote-system',
      'mirror end',
      'get-modified-remote-data',
      'get-remote-data',
      'mirror end',
    ]);
  });

  it('does not call a failed get-modified-remote-data quiet', () => {
    const { src, seen } = watch();
    src.emit(start());
    src.emit(ran(record('get-modified-remote-data', 'cycle failed: boom', 'exception')));
    src.emit(end());
    expect(shape(seen)).toEqual(['get-modified-remote-data', 'mirror end']);
  });

  it('releases what a cycle held as loud when the cycle never ended', () => {
    const { src, seen } = watch();
    src.emit(start());
    src.emit(ran(nothing()));
    src.emit(start());
    src.emit(ran(nothing()));
    src.emit(end());
    expect(shape(seen)).toEqual([
      'get-modified-remote-data',
      'get-modified-remote-data (quiet)',
      'mirror end (quiet)',
    ]);
  });

  it('serves history from the journal before it started, and its own items after', () => {
    const older = [nothing(), record('get-remote-data', 'fields status')];
    const src = source(older);
    const feed = createTimelineFeed(src);
    src.emit(start());
    const mine = nothing();
    older.push(mine);
    src.emit(ran(mine));
    src.emit(end());
    expect(shape(feed.recent(10))).toEqual([
      'get-modified-remote-data (quiet)',
      'get-remote-data',
      'get-modified-remote-data (quiet)',
      'mirror end (quiet)',
    ]);
    expect(shape(feed.recent(2))).toEqual(['get-modified-remote-data (quiet)', 'mirror end (quiet)']);
  });

  it('follows a fresh harness after a reset and tells subscribers', () => {
    const { src: first, feed, seen } = watch([nothing()]);
    const fresh = source();
    feed.follow(fresh);
    first.emit(ran(record('get-remote-data', 'from the old harness')));
    fresh.emit(ran(record('fetch-incidents', '1 pulled')));
    expect(seen.map((i) => i.kind)).toEqual(['reset', 'command']);
    expect(shape(feed.recent(10))).toEqual(['fetch-incidents']);
  });
});
