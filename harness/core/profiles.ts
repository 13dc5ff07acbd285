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
 * | outgoingEntries         | 'mirror-tags' (all)  | only entries tagged with one of the incident's dbotMirrorTags go out and trigger update-remote-system (MIRDOC: "dbotMirrorTags: Tags for mirrored-out entries"; ServiceNow v2 routes only its comment / work-note tags, §H.6) |
 * |                         | 'any-tag'            | any tagged entry goes out; the integration filters (what XSOAR Mirroring and Zendesk v2 are written to cope with) |
 * | failedPull              | 'drop' (all)         | a get-remote-data that fails without "API rate limit" skips the incident; its change is lost unless the remote changes again (§H.2) |
 * |                         | 'retry'              | the failed incident is owed a pull next cycle (with the same lastUpdate), as after a rate-limit stop |
 * | remoteDataLastUpdate    | 'last-sync' (all)    | get-remote-data's lastUpdate is dbotMirrorLastSync (the last pull; the creation time before the first) — our reading of §H.1 |
 * |                         | 'incident-modified'  | it is the incident's `modified` (the doc's "the time the incident was last updated"): too new after a local edit, so ServiceNow v2 skips the remote fields (§F.13) |
 * | mirroredLifecycleOut    | true (all)           | a close/reopen applied by mirror-in is queued for update-remote-system (status 2/1), like any status change: the server side of the §F.16 ping-pong |
 * |                         | false                | changes that came from the remote never go back out |
 */
import type { ServerPolicies } from './world.ts';

/*
 * Why failedPull defaults to 'drop' (contract.md §H.2 is open; this is the public evidence):
 * - The mirroring doc (demisto/content-docs docs/integrations/mirroring.md, 46970690) promises a
 *   resume only for `API rate limit` ("the sync loop will start from the failed incident"), and
 *   its own get_remote_data_command turns only "Rate limit exceeded" into return_error("API rate
 *   limit"); every other error falls through.
 * - Cortex XDR - IR (demisto/content Packs/CortexXDR/Integrations/CortexXDRIR/CortexXDRIR.py,
 *   0048c4aa) does the same for rate limits, and answers any other failure with a *successful*
 *   pull whose mirrored object carries the error in the field `in_mirror_error`; Zendesk v2
 *   (Packs/Zendesk/Integrations/Zendeskv2/Zendeskv2.py) answers every exception with
 *   `{'incomming_mirror_error': …}`. Integrations that could count on a retry would let the error
 *   through instead of turning it into data.
 * - HoxhuntV2 (Packs/Hoxhunt/Integrations/HoxhuntV2/HoxhuntV2.py) raises "API rate limit" on HTTP
 *   429 "to let XSOAR know explicitly … XSOAR has special handling for it": only that text is
 *   special. We found no integration that relabels *every* error as a rate limit to force a retry.
 * So a real server most likely drops the failed pull; 'retry' is the setting for integrations that
 * need one (and what the settle test under injected faults runs with).
 */

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
    outgoingEntries: 'mirror-tags',
    failedPull: 'drop',
    remoteDataLastUpdate: 'last-sync',
    mirroredLifecycleOut: true,
  };
}
