/**
 * The live timeline the dashboard streams: harness events as timeline items, with each mirror cycle
 * marked quiet or not. At a 5-second mirror delay nearly every cycle is one "nothing modified", and
 * the dashboard folds those into one running row — which needs to know, per item, whether its cycle
 * changed anything. So the quiet candidates of a cycle (see isQuietCommand) are held back until the
 * cycle ends; anything else is passed on at once, and first releases what was held, as not quiet.
 *
 * The feed keeps the recent items for a page that opens later; items from before it started (a
 * restarted demo) come from the harness journal, each judged on its own.
 */
import type { Harness, HarnessEvent } from '../../harness/index.ts';
import { fromJobEvent, fromJournalRecord, isQuietCommand, type TimelineItem } from './timeline.ts';

/** What the feed reads of a harness. */
export type FeedSource = Pick<Harness, 'on' | 'journal' | 'now'>;

export interface TimelineFeed {
  /** The newest `limit` items, oldest first. */
  recent(limit: number): TimelineItem[];
  /** Every item from now on; returns an unsubscribe function. */
  subscribe(listener: (item: TimelineItem) => void): () => void;
  /** Sends an item that is not a harness event (a reset, a change made on the remote side). */
  publish(item: TimelineItem): void;
  /** Follows another harness (after a reset): forgets the history and tells every subscriber. */
  follow(harness: FeedSource): void;
  close(): void;
}

const KEPT = 2000;

export function createTimelineFeed(first: FeedSource): TimelineFeed {
  const listeners = new Set<(item: TimelineItem) => void>();
  let harness: FeedSource = first;
  let kept: TimelineItem[] = [];
  /** Journal records before this seq are older than the feed (read from the journal on demand). */
  let firstSeq = Infinity;
  let jobs = 0;
  /** The running mirror cycle: its quiet candidates held back, and whether anything else happened. */
  let cycle: { held: TimelineItem[]; loud: boolean } | null = null;
  let unsubscribe = () => {};

  const send = (item: TimelineItem) => {
    if (item.kind === 'command' || item.kind === 'job') {
      kept.push(item);
      if (kept.length > KEPT + KEPT / 10) kept = kept.slice(-KEPT);
    }
    for (const listener of listeners) {
      try {
        listener(item);
      } catch {
        // A closed stream must not stop the others.
      }
    }
  };
  /** Sends what the cycle held back, as it turned out: quiet or not. */
  const release = (quiet: boolean) => {
    for (const item of cycle?.held ?? []) send(quiet ? { ...item, quiet: true } : item);
    if (cycle) cycle.held = [];
  };

  const onEvent = (event: HarnessEvent) => {
    if (event.type === 'change') {
      send({ kind: 'change', at: event.at, ...(event.incidentId ? { incidentId: event.incidentId } : {}) });
    } else if (event.type === 'store') {
      // A store failure is logged and shown by GET /health; the page only refreshes.
      send({ kind: 'change', at: event.at });
    } else if (event.type === 'journal') {
      const item = fromJournalRecord(event.record);
      if (firstSeq === Infinity) firstSeq = event.record.seq;
      if (cycle && !cycle.loud && isQuietCommand(event.record)) {
        cycle.held.push(item);
      } else {
        if (cycle) cycle.loud = true;
        release(false);
        send(item);
      }
    } else if (event.phase === 'start') {
      // A job's start says nothing its end does not. A cycle that never ended (it threw) is not quiet.
      release(false);
      cycle = event.job === 'mirror' ? { held: [], loud: false } : null;
    } else {
      const item = fromJobEvent(event, `j${++jobs}`);
      const quiet = event.job === 'mirror' && cycle !== null && !cycle.loud;
      release(quiet);
      send(quiet ? { ...item, quiet: true } : item);
      cycle = null;
    }
  };

  unsubscribe = harness.on(onEvent);

  return {
    recent(limit) {
      const older = harness
        .journal()
        .filter((r) => r.seq < firstSeq)
        .slice(-limit)
        .map((r) => (isQuietCommand(r) ? { ...fromJournalRecord(r), quiet: true } : fromJournalRecord(r)));
      return [...older, ...kept].slice(-limit);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish: send,
    follow(next) {
      unsubscribe();
      harness = next;
      kept = [];
      firstSeq = Infinity;
      cycle = null;
      unsubscribe = harness.on(onEvent);
      send({ kind: 'reset', at: new Date(next.now()).toISOString() });
    },
    close() {
      unsubscribe();
      listeners.clear();
    },
  };
}
