/**
 * `mirrorlab remote <kind>`: one fake third party on its own, on the real clock, its state in a
 * lowdb file so it survives a restart.
 */
import { resolve } from 'node:path';
import { listen } from '../../mocks/shared/index.ts';
import { createHelpdesk, DEFAULT_API_KEY, type HelpdeskState } from '../../mocks/ticketing/helpdesk/index.ts';
import { HarnessError } from '../core/index.ts';
import { createLowdbStore } from '../store/index.ts';
import { integerOption } from './options.ts';
import type { CliCommand, CliContext } from './command.ts';

const KINDS = ['helpdesk'] as const;
const realClock = { now: () => Date.now() };

async function runHelpdesk(values: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const port = integerOption('remote', values, 'port', 4100, 0, 65535);
  const seed = integerOption('remote', values, 'seed', 1, 0, 2 ** 31 - 1);
  const tickets = integerOption('remote', values, 'tickets', 20, 0, 100_000);
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const apiKey = (values['api-key'] as string | undefined) ?? DEFAULT_API_KEY;
  const file = resolve(ctx.cwd, (values['data-dir'] as string | undefined) ?? '.mirrorlab', 'helpdesk.json');

  const helpdesk = await createHelpdesk({
    clock: realClock,
    apiKey,
    seed,
    tickets,
    persistence: createLowdbStore<HelpdeskState>(file),
  });
  const server = await listen(helpdesk.app(), { host, port });
  ctx.out(`helpdesk listening on ${server.url}`);
  ctx.out(`  API:       ${server.url}/api/v1   (Authorization: Bearer ${apiKey})`);
  ctx.out(`  admin:     ${server.url}/admin    (no auth: keep it on loopback)`);
  ctx.out(`  state:     ${file}   (${Object.keys(helpdesk.snapshot().tickets).length} tickets)`);
  ctx.out('Ctrl-C to stop.');

  await new Promise<void>((done) => {
    if (ctx.signal.aborted) done();
    else ctx.signal.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  await helpdesk.flush();
  ctx.out('helpdesk stopped; state saved.');
  return 0;
}

export const command: CliCommand = {
  name: 'remote',
  summary: 'run one fake third-party system on its own (kinds: helpdesk)',
  usage:
    'mirrorlab remote helpdesk [--port N] [--host H] [--seed S] [--tickets N] [--data-dir D] [--api-key K]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    tickets: { type: 'string' },
    'data-dir': { type: 'string' },
    'api-key': { type: 'string' },
  },
  async run(values, positionals, ctx) {
    const [kind, ...extra] = positionals;
    if (!kind || !(KINDS as readonly string[]).includes(kind) || extra.length > 0) {
      throw new HarnessError(
        'invalid-input',
        `remote: failed to start remote: ${kind ? `unknown kind "${[kind, ...extra].join(' ')}"` : 'no kind given'}. Known kinds: ${KINDS.join(', ')}; e.g. mirrorlab remote helpdesk --port 4100.`,
      );
    }
    return runHelpdesk(values, ctx);
  },
};
