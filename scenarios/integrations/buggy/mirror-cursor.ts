/**
 * A modified-since cursor kept between get-modified-remote-data runs, the way Zendesk v2 keeps its
 * incremental cursor with get_last_mirror_run / set_last_mirror_run (contract.md §F.8, §G). Those
 * CommonServerPython helpers raise below XSOAR 6.6.0; `gated` falls back to the integration
 * context there, as integrations that support older servers do.
 */
import {
  getLastMirrorRun,
  isDemistoVersionGe,
  setLastMirrorRun,
  type CommandHandler,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import { returnError } from '../../../harness/runtime/typescript/index.ts';
import { referenceCommand } from './reference.ts';

type Cursor = { last_update?: string; runs?: number };

export function withMirrorCursor(gated: boolean): CommandHandler {
  const reference = referenceCommand('get-modified-remote-data');
  return async (demisto: DemistoContext) => {
    const lastMirrorRun = !gated || isDemistoVersionGe(demisto, '6.6.0');
    try {
      const context = (demisto.getIntegrationContext() ?? {}) as { mirror_cursor?: Cursor };
      const cursor = (lastMirrorRun ? getLastMirrorRun(demisto) : (context.mirror_cursor ?? {})) as Cursor;
      const result = await reference(demisto);
      const next: Cursor = { last_update: String(demisto.args().lastUpdate), runs: (cursor.runs ?? 0) + 1 };
      if (lastMirrorRun) setLastMirrorRun(demisto, next);
      else demisto.setIntegrationContext({ ...context, mirror_cursor: next });
      return result;
    } catch (e) {
      return returnError(demisto, `An error occurred: ${(e as Error).message}`, e);
    }
  };
}
