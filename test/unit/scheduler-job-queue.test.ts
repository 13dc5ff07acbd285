import { describe, expect, it } from 'vitest';
import { createJobQueue, createVirtualClock } from '../../harness/scheduler/index.ts';

describe('job queue', () => {
  it('returns jobs in due order, breaking ties by insertion (fetch before mirror)', () => {
    const q = createJobQueue();
    q.upsert({ id: 'fetch:a', kind: 'fetch', instance: 'a', intervalMs: 60_000 }, 0);
    q.upsert({ id: 'mirror', kind: 'mirror', intervalMs: 60_000 }, 0);
    q.upsert({ id: 'fetch:b', kind: 'fetch', instance: 'b', intervalMs: 30_000 }, 0);
    expect(q.nextDue(29_999)).toBeUndefined();
    expect(q.nextDue(60_000)?.id).toBe('fetch:b');
    q.reschedule('fetch:b', 30_000);
    expect(q.nextDue(60_000)?.id).toBe('fetch:a');
    q.reschedule('fetch:a', 60_000);
    // mirror and fetch:b are both due at 60 s: the one registered first runs first.
    expect(q.nextDue(60_000)?.id).toBe('mirror');
    q.reschedule('mirror', 60_000);
    expect(q.nextDue(60_000)?.id).toBe('fetch:b');
  });

  it('skips intervals a long run overran instead of firing a burst', () => {
    const q = createJobQueue();
    q.upsert({ id: 'mirror', kind: 'mirror', intervalMs: 1_000 }, 0);
    q.reschedule('mirror', 3_500);
    expect(q.jobs()[0]?.dueAt).toBe(4_000);
  });

  it('keeps the due time of a job whose interval did not change', () => {
    const q = createJobQueue();
    q.upsert({ id: 'mirror', kind: 'mirror', intervalMs: 1_000 }, 0);
    q.upsert({ id: 'mirror', kind: 'mirror', intervalMs: 1_000 }, 500);
    expect(q.jobs()[0]?.dueAt).toBe(1_000);
    q.upsert({ id: 'mirror', kind: 'mirror', intervalMs: 2_000 }, 500);
    expect(q.jobs()[0]?.dueAt).toBe(2_500);
  });
});

describe('virtual clock', () => {
  it('only moves forward', () => {
    const clock = createVirtualClock(1_000);
    clock.set(5_000);
    clock.set(2_000);
    expect(clock.now()).toBe(5_000);
  });
});
