/**
 * `mirrorlab remote <kind>`: one fake third party on its own, on the real clock, its state in a
 * lowdb file so it survives a restart.
 */
import { resolve } from 'node:path';
import { listen } from '../../mocks/shared/index.ts';
import { createHelpdesk, DEFAULT_API_KEY, type HelpdeskState } from '../../mocks/ticketing/helpdesk/index.ts';
import {
  createServicenow,
  DEFAULT_PASSWORD,
  DEFAULT_USERNAME,
  type ServicenowState,
} from '../../mocks/ticketing/servicenow/index.ts';
import { HarnessError } from '../core/index.ts';
import { createLowdbStore } from '../store/index.ts';
import { integerOption } from './options.ts';
import type { CliCommand, CliContext } from './command.ts';

const KINDS = ['helpdesk', 'servicenow'] as const;
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
  ctx.out(`  admin:     ${server.url}/admin    (X-Admin-Token: ${helpdesk.adminToken})`);
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

async function runServicenow(values: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const port = integerOption('remote', values, 'port', 4200, 0, 65535);
  const seed = integerOption('remote', values, 'seed', 1, 0, 2 ** 31 - 1);
  const tickets = integerOption('remote', values, 'tickets', 20, 0, 100_000);
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const username = (values.username as string | undefined) ?? DEFAULT_USERNAME;
  const password = (values.password as string | undefined) ?? DEFAULT_PASSWORD;
  const file = resolve(
    ctx.cwd,
    (values['data-dir'] as string | undefined) ?? '.mirrorlab',
    'servicenow.json',
  );
  const clientId = values['client-id'] as string | undefined;
  const snow = await createServicenow({
    clock: realClock,
    username,
    password,
    seed,
    tickets,
    ...(clientId
      ? { oauth: { clientId, clientSecret: (values['client-secret'] as string | undefined) ?? '' } }
      : {}),
    persistence: createLowdbStore<ServicenowState>(file),
  });
  const server = await listen(snow.app(), { host, port });
  // A password given on the command line is not echoed (it would land in terminal logs); the
  // default one is, so a first-time user can log in.
  const shownPassword =
    values.password === undefined ? `${password}   (default; set --password)` : '(as given with --password)';
  ctx.out(`servicenow listening on ${server.url}`);
  ctx.out(`  Table API: ${server.url}/api/now/table/incident   (basic auth)`);
  ctx.out(`  user:      ${username}`);
  ctx.out(`  password:  ${shownPassword}`);
  if (clientId)
    ctx.out(
      `  OAuth:     ${server.url}/oauth_token.do   (client id ${clientId}; grant_type password or refresh_token)`,
    );
  ctx.out(`  admin:     ${server.url}/admin    (X-Admin-Token: ${snow.adminToken})`);
  ctx.out(`  state:     ${file}   (${snow.records.list('incident').length} incidents)`);
  ctx.out('Ctrl-C to stop.');
  await new Promise<void>((done) => {
    if (ctx.signal.aborted) done();
    else ctx.signal.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  await snow.flush();
  ctx.out('servicenow stopped; state saved.');
  return 0;
}

export const command: CliCommand = {
  name: 'remote',
  summary: 'run one fake third-party system on its own (kinds: helpdesk, servicenow)',
  usage: 'mirrorlab remote helpdesk|servicenow',
  options: {
    port: { type: 'string', value: 'N', description: 'port to listen on (default: any free)' },
    host: { type: 'string', value: 'H', description: 'address to bind (default 127.0.0.1)' },
    seed: { type: 'string', value: 'S', description: 'faker seed of generated tickets (default 1)' },
    tickets: { type: 'string', value: 'N', description: 'tickets generated on a fresh start (default 20)' },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      description: 'where the lowdb file is kept (default .mirrorlab)',
    },
    'api-key': { type: 'string', value: 'KEY', description: 'helpdesk: the Bearer API key' },
    username: { type: 'string', value: 'U', description: 'servicenow: basic-auth user (default admin)' },
    password: { type: 'string', value: 'P', description: "servicenow: that user's password" },
    'client-id': { type: 'string', value: 'ID', description: 'servicenow: OAuth client id (turns OAuth on)' },
    'client-secret': { type: 'string', value: 'SECRET', description: 'servicenow: OAuth client secret' },
  },
  async run(values, positionals, ctx) {
    const [kind, ...extra] = positionals;
    if (!kind || !(KINDS as readonly string[]).includes(kind) || extra.length > 0) {
      throw new HarnessError(
        'invalid-input',
        `remote: failed to start remote: ${kind ? `unknown kind "${[kind, ...extra].join(' ')}"` : 'no kind given'}. Known kinds: ${KINDS.join(', ')}; e.g. mirrorlab remote helpdesk --port 4100.`,
      );
    }
    return kind === 'servicenow' ? runServicenow(values, ctx) : runHelpdesk(values, ctx);
  },
};
