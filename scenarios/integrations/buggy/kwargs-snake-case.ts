/**
 * BUG (contract.md §F.7): mirroring commands called with `**args` (as Zendesk v2 does) but declared
 * with the attribute names of CommonServerPython's argument classes (`last_update`,
 * `remote_incident_id`, …) instead of the names the server sends (`lastUpdate`, `id`, …). Every
 * call raises TypeError: get-modified-remote-data answers "skip update" and nothing is ever pulled.
 * Source: Zendesk v2 main() `commands[command](**args)`; CSP GetRemoteDataArgs / UpdateRemoteSystemArgs.
 */
import { defineIntegration } from '../../../harness/runtime/typescript/index.ts';
import { withSignature } from './python-keywords.ts';
import { reference } from './reference.ts';

export default defineIntegration({
  name: 'Helpdesk (kwargs with snake_case names)',
  commands: {
    ...reference.commands,
    'get-modified-remote-data': withSignature('get-modified-remote-data', 'get_modified_remote_data', [
      'last_update',
    ]),
    'get-remote-data': withSignature('get-remote-data', 'get_remote_data', [
      'remote_incident_id',
      'last_update',
    ]),
    'update-remote-system': withSignature('update-remote-system', 'update_remote_system', [
      'remote_incident_id',
      'data',
      'entries',
      'incident_changed',
      'inc_status',
      'delta',
    ]),
  },
});
