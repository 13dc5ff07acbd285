/** `mirrorlab schema`: prints the scenario JSON Schema, for editors and tools that want it inline. */
import { renderScenarioJsonSchema } from '../scenario/index.ts';
import type { CliCommand } from './command.ts';

export const command: CliCommand = {
  name: 'schema',
  summary:
    'print the JSON Schema of scenario files (also shipped as node_modules/mirrorlab/dist/scenarios/schema.json)',
  usage: 'mirrorlab schema',
  options: {},
  async run(_values, positionals, ctx) {
    if (positionals.length > 0) {
      ctx.err(`mirrorlab schema: takes no arguments, got "${positionals.join(' ')}".`);
      return 2;
    }
    ctx.out(renderScenarioJsonSchema().trimEnd());
    return 0;
  },
};
