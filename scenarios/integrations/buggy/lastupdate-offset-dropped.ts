/**
 * BUG (contract.md §F.12): get-modified-remote-data drops the numeric offset of `lastUpdate`
 * (`2026-01-01T02:00:00.000+0200` → `2026-01-01T02:00:00.000`) and reads the rest as UTC. Under a
 * server in Asia/Jerusalem the window starts two hours late, so every ticket changed since the last
 * run is missed — and the next run starts later still.
 * Source: contract.md §F.12 — ServiceNow v2 builds `sys_created_on>{datetime.fromtimestamp(...)}`
 * (container-local time); the Jira test fixture shows `lastUpdate` as `2020-12-14T12:38:30.006+0200`.
 */
import { defineIntegration, type DemistoContext } from '../../../harness/runtime/typescript/index.ts';
import { reference, referenceCommand, withDemisto } from './reference.ts';

function getModifiedRemoteData(demisto: DemistoContext): unknown {
  const args = demisto.args();
  // The bug: the offset is cut off and the local wall time is taken for UTC.
  const naive = String(args.lastUpdate ?? '').replace(/(Z|[+-]\d{2}:?\d{2})$/i, '');
  return referenceCommand('get-modified-remote-data')(
    withDemisto(demisto, { args: () => ({ ...args, lastUpdate: naive }) }),
  );
}

export default defineIntegration({
  name: 'Helpdesk (lastUpdate offset dropped)',
  commands: { ...reference.commands, 'get-modified-remote-data': getModifiedRemoteData },
});
