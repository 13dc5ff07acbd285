/**
 * A TypeScript integration is a value: a map from command name to handler. A handler may write its
 * own entries (`demisto.results`, `returnResults`, `returnError`), and whatever it *returns* (other
 * than undefined) goes through returnResults, so `return 'ok'` or `return new CommandResults(...)`
 * reads naturally.
 */
import type { DemistoContext } from './demisto-context.ts';

export type CommandHandler = (demisto: DemistoContext) => unknown;

export interface TypeScriptIntegration {
  readonly kind: 'typescript-integration';
  /** Optional display name, for messages. */
  readonly name?: string;
  readonly commands: Readonly<Record<string, CommandHandler>>;
}

export interface IntegrationDefinition {
  name?: string;
  commands: Record<string, CommandHandler>;
}

export function defineIntegration(definition: IntegrationDefinition): TypeScriptIntegration {
  const { commands, name } = definition;
  if (typeof commands !== 'object' || commands === null) {
    throw new TypeError(
      'typescript runtime: failed to define integration: "commands" must be an object of handlers.',
    );
  }
  for (const [command, handler] of Object.entries(commands)) {
    if (typeof handler !== 'function') {
      throw new TypeError(
        `typescript runtime: failed to define integration: the handler of "${command}" is not a function.`,
      );
    }
  }
  return name === undefined
    ? { kind: 'typescript-integration', commands }
    : { kind: 'typescript-integration', name, commands };
}

export function isTypeScriptIntegration(value: unknown): value is TypeScriptIntegration {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'typescript-integration' &&
    typeof (value as { commands?: unknown }).commands === 'object'
  );
}
