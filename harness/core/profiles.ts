/**
 * Version profiles: the default ServerPolicies for a demistoVersion (contract.md §C version
 * timeline, §H). Every policy is a documented setting because the public record is unclear; a
 * scenario can override any of them.
 *
 * | policy                  | value                | meaning |
 * |-------------------------|----------------------|---------|
 * | getModifiedStep         | false (< 6.1.0)      | mirror-in runs get-remote-data for every mirrored incident every cycle |
 * |                         | true  (≥ 6.1.0)      | mirror-in asks get-modified-remote-data first, then pulls only the returned ids |
 * | dirtyFields             | 'sticky' (≤ 6.1.x)   | a field changed locally is never again overwritten by mirror-in (MIRDOC note) |
 * |                         | 'until-mirrored-out' (6.2–7.x) | protection ends when update-remote-system succeeds with that field (our documented choice: the 6.2 change is undocumented, §H.4) |
 * |                         | 'until-reset' (≥ 8.0.0) | protected until `resetDirtyFields` removes it (XSOAR 8 doc) |
 * | resetDirtyFieldsCommand | true from 8.0.0      | the `resetDirtyFields` server command exists |
 * | closedIncidents         | 'mirror' (all)       | closed incidents keep receiving fields and entries (content-docs #1640) |
 * |                         | 'fields-only'        | closed incidents receive fields, no entries (nor close/reopen entries) |
 * |                         | 'skip'               | closed incidents are never pulled (the 2024-04 doc line, content-docs #1533) |
 * | lastRunOnError          | 'keep' (all)         | lastRun / lastMirrorRun / integration context written before a failure are committed (§B.2 item 7: setLastRun takes effect immediately) |
 * |                         | 'discard'            | a failed run commits none of its state writes |
 * | lastUpdateFormat        | 'iso-offset' (all)   | `lastUpdate` args as `2020-12-14T12:38:30.006+0200` in the server TZ (Jira fixture) |
 * |                         | 'iso-utc'            | `lastUpdate` args as `2021-08-24T07:44:21.608Z` |
 * | mirrorOutOrder          | 'before-in' (all)    | each cycle pushes queued local changes before pulling remote ones |
 * |                         | 'after-in'           | pulls first, then pushes |
 * | mirroredLifecycleOut    | true (all)           | a close/reopen applied by mirror-in is queued for update-remote-system (status 2/1), like any status change: the server side of the §F.16 ping-pong |
 * |                         | false                | changes that came from the remote never go back out |
 */
import type { ServerPolicies } from './world.ts';

/** Numeric dotted-version comparison: `6.10.0` > `6.9.1`; missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = toParts(a);
  const pb = toParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

function toParts(version: string): number[] {
  // Build suffixes such as `-beta` or `+123` do not change the behaviour a version selects.
  return version
    .trim()
    .split(/[-+]/)[0]!
    .split('.')
    .map((p) => {
      const n = Number.parseInt(p, 10);
      return Number.isFinite(n) ? n : 0;
    });
}

export function profileFor(version: string): ServerPolicies {
  const atLeast = (v: string) => compareVersions(version, v) >= 0;
  return {
    getModifiedStep: atLeast('6.1.0'),
    dirtyFields: atLeast('8.0.0') ? 'until-reset' : atLeast('6.2.0') ? 'until-mirrored-out' : 'sticky',
    resetDirtyFieldsCommand: atLeast('8.0.0'),
    closedIncidents: 'mirror',
    lastRunOnError: 'keep',
    lastUpdateFormat: 'iso-offset',
    mirrorOutOrder: 'before-in',
    mirroredLifecycleOut: true,
  };
}
