/**
 * `mirrorlab setup [--for python|start|test] [--dry-run]`: what a user runs before testing Python
 * integrations, and what `npm start` / `npm test` run in this repository.
 */
import type { CliCommand } from './command.ts';
import { runSetup, SETUP_PURPOSES, type SetupPurpose } from '../setup/index.ts';

export const command: CliCommand = {
  name: 'setup',
  summary: 'check and install what is missing: the python3 stack for Python integrations (Debian packages)',
  usage: 'mirrorlab setup',
  options: {
    for: {
      type: 'string',
      value: 'WHAT',
      default: 'python',
      description:
        'python (default: Python integrations), start (the demo: nothing) or test (this repository: python + chromium)',
    },
    'dry-run': {
      type: 'boolean',
      default: false,
      description: 'say what would be installed, install nothing',
    },
  },
  async run(values, _positionals, ctx) {
    const purpose = values.for as SetupPurpose;
    if (!SETUP_PURPOSES.includes(purpose)) {
      ctx.err(
        `setup: failed to read --for: "${String(values.for)}" is not one of ${SETUP_PURPOSES.join(', ')}. Example: --for python.`,
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
