/**
 * `mirrorlab run --shard i/n`: one deterministic slice of the scenario files, so a CI matrix of n
 * jobs runs every file exactly once. Balanced by the durations of a previous JSON report when one is
 * given (longest first onto the least-loaded shard), else by count. Pure.
 */
import { HarnessError } from '../core/index.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new HarnessError(
      'invalid-input',
      `run: failed to read --shard "${text}": expected i/n with 1 ≤ i ≤ n, e.g. --shard 2/4.`,
    );
  return { index, count };
}

/**
 * The files of shard `index` of `count`. Every file lands in exactly one shard, whatever the order
 * the files come in. `durations` (file → ms, from an earlier report) balance the shards by time;
 * files it does not know count as the median known duration.
 */
export function selectShard(
  files: readonly string[],
  shard: Shard,
  durations: ReadonlyMap<string, number> = new Map(),
): string[] {
  const sorted = [...new Set(files)].sort();
  if (durations.size === 0) return sorted.filter((_, i) => i % shard.count === shard.index - 1);
  const known = sorted.map((f) => durations.get(f)).filter((d): d is number => d !== undefined);
  const median = known.length ? [...known].sort((a, b) => a - b)[Math.floor(known.length / 2)]! : 1;
  const weighted = sorted
    .map((file) => ({ file, ms: durations.get(file) ?? median }))
    .sort((a, b) => b.ms - a.ms || (a.file < b.file ? -1 : 1));
  const loads = Array.from({ length: shard.count }, () => 0);
  const mine: string[] = [];
  for (const { file, ms } of weighted) {
    let target = 0;
    for (let s = 1; s < loads.length; s++) if (loads[s]! < loads[target]!) target = s;
    loads[target]! += ms;
    if (target === shard.index - 1) mine.push(file);
  }
  return mine.sort();
}
