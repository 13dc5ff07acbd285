/**
 * Calling a command the way Zendesk v2's main() does: `commands[command](**demisto.args())`
 * (contract.md §F.7). Python binds each argument by name, so an argument the handler's signature
 * does not name raises TypeError — and Zendesk's main turns every exception into
 * return_error(f'An error occurred: {e}'), which get-modified-remote-data sends as "skip update".
 * Source: demisto/content Packs/Zendesk/Integrations/Zendeskv2/Zendeskv2.py (get_modified_remote_data(self, lastUpdate=None),
 * get_remote_data(self, **kwargs), update_remote_system(self, **kwargs); main()).
 */
import {
  returnError,
  type CommandHandler,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import { referenceCommand } from './reference.ts';

/** `name(**args)` against a signature: Python's TypeError for an argument it does not name. */
function bindKeywords(name: string, signature: readonly string[], args: Record<string, unknown>): void {
  for (const key of Object.keys(args))
    if (!signature.includes(key))
      throw new TypeError(`${name}() got an unexpected keyword argument '${key}'`);
}

/** The reference command behind a Python signature, with Zendesk v2's catch-all error handling. */
export function withSignature(
  command: string,
  pythonName: string,
  signature: readonly string[],
): CommandHandler {
  const reference = referenceCommand(command);
  return (demisto: DemistoContext) => {
    try {
      bindKeywords(pythonName, signature, demisto.args());
    } catch (e) {
      return returnError(demisto, `An error occurred: ${(e as Error).message}`, e);
    }
    return reference(demisto);
  };
}
