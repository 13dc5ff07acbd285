/** `mirrorlab setup [--for start|test] [--dry-run]`: run by `npm start` / `npm test` before anything else. */
import type { CliCommand } from './command.ts';
import { runSetup } from '../setup/index.ts';

export const command: CliCommand = {
  name: 'setup',
  summary: 'check and install the Debian packages mirrorlab needs (python3 stack, chromium for tests)',
  usage: 'mirrorlab setup',
  options: {
    for: {
      type: 'string',
      value: 'WHAT',
      default: 'start',
      description: 'start (default) or test: what to install for',
    },
    'dry-run': {
      type: 'boolean',
      default: false,
      description: 'say what would be installed, install nothing',
    },
  },
  async run(values, _positionals, ctx) {
    const purpose = values.for;
    if (purpose !== 'start' && purpose !== 'test') {
      ctx.err(
        `setup: failed to read --for: "${String(purpose)}" is not start or test. Use --for start or --for test.`,
      );
      return 2;
    }
    const report = await runSetup({
      purpose,
      dryRun: values['dry-run'] === true,
      env: ctx.env,
      out: ctx.out,
      err: ctx.err,
      signal: ctx.signal,
    });
    return report.ok ? 0 : 1;
  },
};
