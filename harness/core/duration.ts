/** Durations as people write them in scenarios and CLIs: `90s`, `5m`, `1h`, `2d`, `250ms`, or a number of ms. */
import { HarnessError } from './errors.ts';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
  } else {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value);
    if (m) return Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 'ms']!);
  }
  throw new HarnessError(
    'invalid-input',
    `duration: failed to read "${String(value)}": not a duration. Write e.g. 90s, 5m, 1h, 2d or a number of milliseconds.`,
  );
}
