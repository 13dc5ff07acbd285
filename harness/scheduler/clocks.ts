/**
 * Clock implementations (design.md §5). The virtual clock only moves when the scheduler moves it,
 * so fakes that read it stamp `updated_at` in the same time line as XSOAR's `lastUpdate`.
 * No global fake timers: they would leak into msw and express.
 */
import type { Clock } from '../core/index.ts';

export interface VirtualClock extends Clock {
  readonly kind: 'virtual';
  set(ms: number): void;
}

export interface RealClock extends Clock {
  readonly kind: 'real';
}

export function createVirtualClock(start: number): VirtualClock {
  let current = start;
  return {
    kind: 'virtual',
    now: () => current,
    set(ms: number) {
      // Time never runs backwards: jobs and fakes rely on monotonic stamps.
      if (ms > current) current = ms;
    },
  };
}

export function createRealClock(): RealClock {
  return { kind: 'real', now: () => Date.now() };
}
