/**
 * FIXED twin of kwargs-snake-case.ts (contract.md §F.7): the same `**args` calls, with signatures
 * naming exactly the arguments the server sends — get-modified-remote-data(lastUpdate),
 * get-remote-data(id, lastUpdate), update-remote-system(data, entries, incidentChanged, remoteId,
 * status, delta). Any other argument from the server would raise TypeError, so a scenario running
 * this variant also proves the server sends nothing else. Source: Zendesk v2
 * `get_modified_remote_data(self, lastUpdate=None)`; CSP's argument classes read exactly these keys.
 */
import { defineIntegration } from '../../../harness/runtime/typescript/index.ts';
import { withSignature } from './python-keywords.ts';
import { reference } from './reference.ts';

export default defineIntegration({
  name: 'Helpdesk (kwargs with the wire names)',
  commands: {
    ...reference.commands,
    'get-modified-remote-data': withSignature('get-modified-remote-data', 'get_modified_remote_data', [
      'lastUpdate',
    ]),
    'get-remote-data': withSignature('get-remote-data', 'get_remote_data', ['id', 'lastUpdate']),
    'update-remote-system': withSignature('update-remote-system', 'update_remote_system', [
      'data',
      'entries',
      'incidentChanged',
      'remoteId',
      'status',
      'delta',
    ]),
  },
});
