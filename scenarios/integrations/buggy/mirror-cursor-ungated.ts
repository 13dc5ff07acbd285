/**
 * BUG (contract.md §F.8): keeps its modified-since cursor with get_last_mirror_run /
 * set_last_mirror_run (as Zendesk v2 does) whatever the server version. CommonServerPython raises
 * "You cannot use getLastMirrorRun as your version is below 6.6.0" on older servers, so every
 * get-modified-remote-data ends in "skip update" and nothing is pulled.
 * Source: CommonServerPython get_last_mirror_run / set_last_mirror_run (is_demisto_version_ge('6.6.0')).
 */
import { defineIntegration } from '../../../harness/runtime/typescript/index.ts';
import { withMirrorCursor } from './mirror-cursor.ts';
import { reference } from './reference.ts';

export default defineIntegration({
  name: 'Helpdesk (last mirror run, ungated)',
  commands: { ...reference.commands, 'get-modified-remote-data': withMirrorCursor(false) },
});
