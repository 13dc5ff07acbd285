/**
 * FIXED twin of mirror-cursor-ungated.ts (contract.md §F.8): uses the last mirror run only when
 * is_demisto_version_ge('6.6.0'), and the integration context on older servers.
 */
import { defineIntegration } from '../../../harness/runtime/typescript/index.ts';
import { withMirrorCursor } from './mirror-cursor.ts';
import { reference } from './reference.ts';

export default defineIntegration({
  name: 'Helpdesk (last mirror run, gated on 6.6.0)',
  commands: { ...reference.commands, 'get-modified-remote-data': withMirrorCursor(true) },
});
