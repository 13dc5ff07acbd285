import { describe, expect, it } from 'vitest';
import { mergeReports, parseShard, readJsonReport, selectShard } from '../../harness/scenario/index.ts';
import type { ScenarioResult } from '../../harness/scenario/index.ts';
import { summarize, toJsonReport } from '../../harness/scenario/report.ts';

const files = Array.from({ length: 23 }, (_, i) => `scenarios/s-${String(i).padStart(2, '0')}.yaml`);

describe('--shard i/n', () => {
  it.each([1, 2, 3, 5, 30])('puts every file in exactly one of %i shards', (count) => {
    const all = Array.from({ length: count }, (_, i) => selectShard(files, { index: i + 1, count })).flat();
    expect(all.sort()).toEqual([...files].sort());
  });

  it('gives the same slice whatever order the files come in', () => {
    const shuffled = [...files].reverse();
    expect(selectShard(shuffled, { index: 2, count: 3 })).toEqual(selectShard(files, { index: 2, count: 3 }));
  });

  it('balances by the durations of an earlier report: the one slow file gets a shard of its own', () => {
    const durations = new Map(files.map((f, i) => [f, i === 7 ? 10_000 : 100] as const));
    const shards = [1, 2].map((index) => selectShard(files, { index, count: 2 }, durations));
    expect(shards.flat().sort()).toEqual(files);
    expect(shards.find((s) => s.includes(files[7]!))).toEqual([files[7]]);
  });

  it('counts files missing from the durations as the median', () => {
    const durations = new Map([[files[0]!, 5]]);
    const all = [1, 2, 3].map((index) => selectShard(files, { index, count: 3 }, durations)).flat();
    expect(all.sort()).toEqual(files);
  });

  it('refuses shards that are not i/n with 1 ≤ i ≤ n', () => {
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1-2', ''])
      expect(() => parseShard(bad), bad).toThrow('run: failed to read --shard');
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  });
});

const result = (file: string, status: ScenarioResult['status'] = 'passed'): ScenarioResult => ({
  file,
  name: file,
  slug: file,
  status,
  ok: status !== 'failed',
  durationMs: 10,
  stepsRun: 1,
  stepCount: 1,
});
const report = (results: ScenarioResult[], ms: number) =>
  readJsonReport(toJsonReport(results, summarize(results, ms)), 'r.json');

describe('merging shard reports', () => {
  it('merges the scenarios of every report, sorted, with a summary over all and the longest shard time', () => {
    const merged = mergeReports([
      { source: 'a.json', report: report([result('b.yaml'), result('d.yaml', 'failed')], 300) },
      { source: 'b.json', report: report([result('a.yaml'), result('c.yaml', 'skipped')], 500) },
    ]);
    expect(merged.results.map((r) => r.file)).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']);
    expect(merged.summary).toMatchObject({
      total: 4,
      passed: 2,
      failed: 1,
      skipped: 1,
      durationMs: 500,
      ok: false,
    });
  });

  it('refuses a scenario that two reports both ran, and a file that is not a mirrorlab JSON report', () => {
    expect(() =>
      mergeReports([
        { source: 'a.json', report: report([result('x.yaml')], 1) },
        { source: 'b.json', report: report([result('x.yaml')], 1) },
      ]),
    ).toThrow(
      'reports: failed to merge: x.yaml is in both a.json and b.json. Did two shards use the same --shard i/n?',
    );
    expect(() => readJsonReport('<testsuites/>', 'j.xml')).toThrow('reports: failed to read j.xml: not JSON');
    expect(() => readJsonReport('{"tool":"other"}', 'o.json')).toThrow('not a mirrorlab JSON report');
  });
});
