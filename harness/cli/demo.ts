/**
 * `mirrorlab demo` (what `npm start` runs): the fake XSOAR (REST API + dashboard) and a seeded
 * helpdesk fake, an instance of the reference integration mirroring both ways, on the real clock —
 * fetch every minute, the mirror job every few seconds (`sync.mirror.job.delayAdvanced`). State
 * lives in lowdb files under the data dir, so a restart continues where the last run stopped.
 * The helpdesk starts through the registry like any kind; `--vendor <kind>` shows another kind
 * instead (vendor-demo.ts).
 */
import { randomBytes } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { createHarness } from '../index.ts';
import type { FetchRecord, Harness, SavedState } from '../index.ts';
import { createLinkedStore, createLowdbStore } from '../store/index.ts';
import { listen } from '../../mocks/index.ts';
import { startRemote, type RemoteHandle } from '../../mocks/registry/index.ts';
import { createXsoarApp } from '../../mocks/xsoar/index.ts';
import type { XsoarApp } from '../../mocks/xsoar/index.ts';
import { toRemoteDesk } from './remote-desk.ts';
import { integerOption } from './options.ts';
import { untilAborted, type CliCommand, type CliContext } from './command.ts';
import { checkDemoDir, DEMO_VENDORS, demoVendor, startVendorDemo, type VendorDemo } from './vendor-demo.ts';

export const DEFAULT_INTEGRATION = 'builtin:helpdesk';
export const DEMO_INSTANCE = 'helpdesk_1';
/** Both systems' state, one JSON file `{ parts: { xsoar, helpdesk } }`. */
export const STATE_FILE = 'state.json';

export interface DemoOptions {
  /** Where the lowdb files live (absolute). */
  dataDir: string;
  port?: number;
  helpdeskPort?: number;
  host?: string;
  /** `sync.mirror.job.delayAdvanced`, seconds. */
  delayAdvanced?: number;
  fetchIntervalMinutes?: number;
  integration?: string;
  tickets?: number;
  seed?: number;
}

export interface Demo {
  xsoarUrl: string;
  /** One-time dashboard login link. */
  loginUrl: string;
  helpdeskUrl: string;
  apiKey: string;
  helpdeskApiKey: string;
  harness: Harness;
  /** The helpdesk fake, started through the registry like any kind (`item`, `act`, `comments` …). */
  helpdesk: RemoteHandle;
  app: XsoarApp;
  /** Stops the schedules, closes both servers and flushes both stores. */
  close(): Promise<void>;
}

/** API keys are kept with the state, so scripts written against one run keep working after a restart. */
async function demoKeys(dataDir: string): Promise<{ xsoar: string; helpdesk: string }> {
  const store = createLowdbStore<{ xsoar: string; helpdesk: string }>(join(dataDir, 'keys.json'), {
    mode: 0o600,
  });
  const saved = await store.read();
  if (saved?.xsoar && saved.helpdesk) return saved;
  const keys = { xsoar: randomBytes(16).toString('hex'), helpdesk: randomBytes(16).toString('hex') };
  await store.write(keys);
  return keys;
}

/**
 * The first fetch in the words of the dashboard's "last fetch": new incidents, and on a restart the
 * ones kept from the last run (so a restart does not read as a different kind of result).
 */
export function describeFirstFetch(record: FetchRecord, kept: number): string {
  if (record.outcome !== 'ok') return `failed: ${record.message}`;
  const created = `${record.pulled} new incident${record.pulled === 1 ? '' : 's'}`;
  return kept ? `${created}, ${kept} kept from the last run` : created;
}

/**
 * Demo data dirs written before both sides shared state.json kept xsoar.json and helpdesk.json:
 * carry them over once, so an upgrade does not lose the demo's incidents and tickets.
 */
async function adoptTwoFileState(dataDir: string): Promise<void> {
  const target = createLowdbStore<{ parts: Record<string, unknown> }>(join(dataDir, STATE_FILE));
  if ((await target.read()) !== null) return;
  const xsoar = await createLowdbStore(join(dataDir, 'xsoar.json')).read();
  const helpdesk = await createLowdbStore(join(dataDir, 'helpdesk.json')).read();
  if (xsoar === null && helpdesk === null) return;
  await target.write({ parts: { ...(xsoar ? { xsoar } : {}), ...(helpdesk ? { helpdesk } : {}) } });
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const host = options.host ?? '127.0.0.1';
  const keys = await demoKeys(options.dataDir);
  const clock = { now: () => Date.now() };
  await adoptTwoFileState(options.dataDir);
  await checkDemoDir(options.dataDir, STATE_FILE, 'helpdesk');
  // Both sides in one file, committed together: they cannot drift apart on a crash (linked-store.ts).
  const linked = createLinkedStore(createLowdbStore(join(options.dataDir, STATE_FILE)));
  const kind = demoVendor('helpdesk');
  // The helpdesk writes its own changes behind into its part of the linked file, and its snapshot
  // joins every XSOAR commit (linked-store.ts): the two sides cannot drift apart on a crash.
  const helpdesk = await startRemote(
    kind.kind,
    { kind: kind.kind, apiKey: keys.helpdesk, seed: options.seed ?? 7, tickets: options.tickets ?? 12 },
    {
      clock,
      host,
      port: options.helpdeskPort ?? 0,
      persistence: linked.part(kind.kind, { driven: true }),
    },
  );
  linked.track(kind.kind, () => helpdesk.snapshot());
  let harness: Harness;
  try {
    harness = await createHarness({
      clock: 'real',
      server: { config: { 'sync.mirror.job.delayAdvanced': options.delayAdvanced ?? 5 } },
      store: linked.part<SavedState>('xsoar'),
      instances: {
        [DEMO_INSTANCE]: {
          integration: options.integration ?? DEFAULT_INTEGRATION,
          params: {
            url: helpdesk.url,
            api_key: keys.helpdesk,
            mirror_direction: 'Incoming And Outgoing',
            close_incident: true,
            close_out: true,
            first_fetch: '30 days',
            max_fetch: '50',
          },
          fetch: { enabled: true, interval: options.fetchIntervalMinutes ?? 1 },
        },
      },
    });
  } catch (e) {
    await helpdesk.close();
    throw e;
  }
  linked.gate((fn) => harness.exclusive(fn));
  const app = createXsoarApp({
    harness,
    apiKey: keys.xsoar,
    control: true,
    helpdesk: toRemoteDesk(helpdesk, kind),
  });
  let xsoarServer;
  try {
    xsoarServer = await listen(app, { host, port: options.port ?? 3000 });
  } catch (e) {
    await harness.close();
    await helpdesk.close();
    throw e;
  }
  const server = xsoarServer;
  return {
    xsoarUrl: server.url,
    loginUrl: `${server.url}${app.loginPath()}`,
    helpdeskUrl: helpdesk.url,
    apiKey: keys.xsoar,
    helpdeskApiKey: keys.helpdesk,
    harness,
    helpdesk,
    app,
    async close() {
      // Jobs first, so nothing calls the helpdesk while it goes away; then servers; then the files.
      await harness.close();
      await server.close();
      await helpdesk.close(); // closes its server, then flushes its state
    },
  };
}

export const command: CliCommand = {
  name: 'demo',
  summary:
    'live demo: fake XSOAR + fake helpdesk + the reference integration mirroring both ways, with a dashboard',
  usage: 'mirrorlab demo [--vendor KIND]',
  options: {
    vendor: {
      type: 'string',
      value: 'KIND',
      description: `the fake third party in the dashboard: ${DEMO_VENDORS.join(', ')} (default helpdesk)`,
    },
    port: { type: 'string', value: 'N', description: 'port of the fake XSOAR and dashboard (default 3000)' },
    'delay-advanced': {
      type: 'string',
      value: 'S',
      description: 'mirror job every S seconds (sync.mirror.job.delayAdvanced, default 5)',
    },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      description: 'where state is kept (default .mirrorlab/demo; .mirrorlab/demo-KIND with --vendor KIND)',
    },
    integration: {
      type: 'string',
      value: 'PATH',
      description:
        'the integration to mirror with (default builtin:helpdesk; builtin:helpdesk-py, a .ts/.py/.yml)',
    },
    'content-root': {
      type: 'string',
      value: 'DIR',
      description:
        "content checkout for a Python integration's CommonServerPython (or MIRRORLAB_CONTENT_ROOT; with --vendor)",
    },
    'helpdesk-port': {
      type: 'string',
      value: 'N',
      description: "port of the fake helpdesk, or of --vendor's fake (default: any free)",
    },
    tickets: { type: 'string', value: 'N', description: 'seeded tickets on a fresh start (default 12)' },
    seed: { type: 'string', value: 'S', description: 'faker seed of those tickets (default 7)' },
  },
  async run(values, _positionals, ctx) {
    const vendor = (values.vendor as string | undefined) ?? 'helpdesk';
    try {
      demoVendor(vendor);
    } catch (e) {
      ctx.err((e as Error).message);
      return 2;
    }
    // One data dir per vendor: XSOAR's saved incidents belong to that vendor's instance.
    const dataDir = resolve(
      ctx.cwd,
      (values['data-dir'] as string | undefined) ??
        join('.mirrorlab', vendor === 'helpdesk' ? 'demo' : `demo-${vendor}`),
    );
    const integration = values.integration as string | undefined;
    if (vendor !== 'helpdesk') return runVendorDemo(vendor, dataDir, values, ctx);
    const demo = await startDemo({
      dataDir,
      port: integerOption('demo', values, 'port', 3000, 0, 65535),
      helpdeskPort: integerOption('demo', values, 'helpdesk-port', 0, 0, 65535),
      delayAdvanced: integerOption('demo', values, 'delay-advanced', 5, 1, 3600),
      tickets: integerOption('demo', values, 'tickets', 12, 0, 10_000),
      seed: integerOption('demo', values, 'seed', 7, 0, 2 ** 31 - 1),
      ...(integration
        ? { integration: integration.startsWith('builtin:') ? integration : resolve(ctx.cwd, integration) }
        : {}),
    });
    const delay = integerOption('demo', values, 'delay-advanced', 5, 1, 3600);
    ctx.out('mirrorlab demo is running.');
    printAccess(demo, ctx);
    ctx.out(`  Helpdesk:   ${demo.helpdeskUrl}/api/v1   Authorization: Bearer ${demo.helpdeskApiKey}`);
    ctx.out(`  State:      ${dataDir}   (delete it to start over)`);
    ctx.out(`  Jobs:       fetch every 1 min, mirror every ${delay} s`);
    const brand = demo.harness.world().instances[DEMO_INSTANCE]?.brand ?? '';
    // The integration by name; a path of the user's own would only repeat what they typed, at length.
    const source =
      integration?.startsWith('builtin:') || !integration
        ? (integration ?? DEFAULT_INTEGRATION)
        : basename(integration);
    ctx.out(`  Instance:   ${DEMO_INSTANCE} (${brand}, ${source})`);
    await firstFetch(demo.harness, DEMO_INSTANCE, ctx);
    return runUntilStopped(demo, ctx);
  },
};

/** `--vendor <kind>` other than the helpdesk: that kind's fake, and an instance only if one is named. */
async function runVendorDemo(
  vendor: string,
  dataDir: string,
  values: Record<string, unknown>,
  ctx: CliContext,
): Promise<number> {
  const integration = values.integration as string | undefined;
  if (integration?.startsWith('builtin:')) {
    ctx.err(
      `mirrorlab demo: failed to start: ${integration} speaks only the helpdesk; with --vendor ${vendor} give an integration file (--integration PATH) or none.`,
    );
    return 2;
  }
  const keys = await demoKeys(dataDir);
  const delay = integerOption('demo', values, 'delay-advanced', 5, 1, 3600);
  const contentRoot =
    (values['content-root'] as string | undefined) ?? (ctx.env.MIRRORLAB_CONTENT_ROOT || undefined);
  const demo: VendorDemo = await startVendorDemo(
    {
      vendor,
      dataDir,
      apiKey: keys.xsoar,
      port: integerOption('demo', values, 'port', 3000, 0, 65535),
      remotePort: integerOption('demo', values, 'helpdesk-port', 0, 0, 65535),
      delayAdvanced: delay,
      tickets: integerOption('demo', values, 'tickets', 12, 0, 10_000),
      seed: integerOption('demo', values, 'seed', 7, 0, 2 ** 31 - 1),
      ...(integration ? { integration: resolve(ctx.cwd, integration) } : {}),
      ...(contentRoot ? { contentRoot: resolve(ctx.cwd, contentRoot) } : {}),
    },
    STATE_FILE,
  );
  ctx.out(`mirrorlab demo (${vendor}) is running.`);
  printAccess(demo, ctx);
  ctx.out(`  ${`${vendor}:`.padEnd(12)}${demo.remoteUrl}`);
  ctx.out(
    `  Params:     ${JSON.stringify(demo.remote.instanceParams({}))}   (what an instance is wired with)`,
  );
  ctx.out(`  State:      ${dataDir}   (delete it to start over)`);
  if (!demo.instance) {
    ctx.out(
      `  Instance:   none. No built-in integration mirrors ${vendor}: pass --integration PATH (e.g. the content pack's integration .yml) to mirror with it.`,
    );
  } else {
    const brand = demo.harness.world().instances[demo.instance]?.brand ?? '';
    ctx.out(`  Instance:   ${demo.instance} (${brand}, ${basename(integration!)})`);
    ctx.out(`  Jobs:       fetch every 1 min, mirror every ${delay} s`);
    await firstFetch(demo.harness, demo.instance, ctx);
  }
  return runUntilStopped(demo, ctx);
}

interface RunningDemo {
  loginUrl: string;
  xsoarUrl: string;
  apiKey: string;
  harness: Harness;
  close(): Promise<void>;
}

/** How to reach the fake XSOAR: the dashboard's one-time login link and the REST API's key. */
function printAccess(demo: RunningDemo, ctx: CliContext): void {
  ctx.out(`  Dashboard:  ${demo.loginUrl}`);
  ctx.out(
    '              (one-time login link; it sets a session cookie, the API key never reaches the browser)',
  );
  ctx.out(`  XSOAR API:  ${demo.xsoarUrl}   Authorization: ${demo.apiKey}`);
}

/** Fetches once at start, so the dashboard is not empty for the first minute; a failure is shown, not fatal. */
async function firstFetch(harness: Harness, instance: string, ctx: CliContext): Promise<void> {
  try {
    const kept = harness.incidents.list().length;
    const first = await harness.fetch(instance);
    ctx.out(`  First fetch: ${describeFirstFetch(first, kept)}`);
  } catch (e) {
    ctx.err(`  First fetch failed: ${(e as Error).message}`);
  }
}

/** Runs the jobs until Ctrl-C, reporting failed (and recovered) state writes, then saves and stops. */
async function runUntilStopped(demo: RunningDemo, ctx: CliContext): Promise<number> {
  demo.harness.on((event) => {
    if (event.type === 'store') (event.ok ? ctx.out : ctx.err)(`  ${event.at} ${event.message}`);
  });
  demo.harness.start();
  ctx.out('Ctrl-C to stop.');
  await untilAborted(ctx.signal);
  ctx.out('stopping…');
  await demo.close();
  ctx.out('demo stopped; state saved.');
  return 0;
}
