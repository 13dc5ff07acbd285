/**
 * What every buggy variant builds on: the reference Helpdesk integration's commands, and a way to
 * run one of them with a slightly different `demisto` (other args, a forgetful context), so each
 * variant changes one behaviour and nothing else.
 */
import {
  GetRemoteDataResponse,
  type CommandHandler,
  type DemistoContext,
} from '../../../harness/runtime/typescript/index.ts';
import helpdesk from '../helpdesk/helpdesk.ts';

export const reference = helpdesk;

export function referenceCommand(name: string): CommandHandler {
  const handler = helpdesk.commands[name];
  if (!handler)
    throw new Error(
      `buggy variants: failed to find reference command ${name}: Helpdesk has no such command.`,
    );
  return handler;
}

/** The same `demisto` with some members replaced (its members are closures, so a copy behaves the same). */
export function withDemisto(demisto: DemistoContext, overrides: Partial<DemistoContext>): DemistoContext {
  return { ...demisto, ...overrides };
}

/**
 * The reference get-remote-data with its answer reworked: `change` gets the mirrored object and
 * entries whenever the reference answered with a GetRemoteDataResponse (not for a gone ticket).
 */
export function withReferencePull(
  change: (pull: GetRemoteDataResponse, demisto: DemistoContext) => unknown,
): CommandHandler {
  const pull = referenceCommand('get-remote-data');
  return async (demisto) => {
    const result = await pull(demisto);
    return result instanceof GetRemoteDataResponse ? change(result, demisto) : result;
  };
}
