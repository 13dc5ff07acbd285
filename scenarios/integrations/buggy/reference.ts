/**
 * What every buggy variant builds on: the reference Helpdesk integration's commands, and a way to
 * run one of them with a slightly different `demisto` (other args, a forgetful context), so each
 * variant changes one behaviour and nothing else.
 */
import type { CommandHandler, DemistoContext } from '../../../harness/runtime/typescript/index.ts';
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
