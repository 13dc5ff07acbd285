/**
 * `mirrorlab demo --vendor <kind>` for a kind other than the helpdesk: the fake XSOAR with its
 * dashboard and that kind's fake, started through the registry on the real clock and shown in the
 * right-hand pane through the kind's `dashboard` view. The built-in reference integration speaks
 * only the helpdesk, so there is a mirroring instance only when the user names an integration
 * (`--integration`), wired with the kind's own instance params. Both sides share one state file
 * (state.json, parts `xsoar` and `<kind>`), committed together as in the helpdesk demo.
 */
import { join } from 'node:path';
import { createHarness } from '../index.ts';
import type { Harness, SavedState } from '../index.ts';
import { createLinkedStore, createLowdbStore } from '../store/index.ts';
import { BUILTIN_KINDS, startRemote } from '../../mocks/registry/index.ts';
import type { RemoteHandle, RemoteKind, TicketView } from '../../mocks/registry/index.ts';
import { createXsoarApp, type XsoarApp } from '../../mocks/xsoar/index.ts';
import { listen } from '../../mocks/index.ts';
import { toRemoteDesk } from './remote-desk.ts';

/** Kinds the demo can show: those whose descriptor has a dashboard view. */
export const DEMO_VENDORS: readonly string[] = BUILTIN_KINDS.filter((k) => k.dashboard).map((k) => k.kind);

/** The descriptor of a demo vendor, or an error naming the valid ones. */
export function demoVendor(vendor: string): RemoteKind & { dashboard: TicketView } {
  const kind = BUILTIN_KINDS.find((k) => k.kind === vendor);
  if (!kind?.dashboard)
    throw new Error(
      `mirrorlab demo: failed to start: ${kind ? `"${vendor}" has no dashboard view` : `unknown vendor "${vendor}"`}; --vendor takes one of ${DEMO_VENDORS.join(', ')}.`,
    );
  return kind as RemoteKind & { dashboard: TicketView };
}

/**
 * A data dir holds one vendor's demo: XSOAR's part remembers incidents of that vendor's instance.
 * Starting another vendor on it would mix the two, so it is refused with the way out.
 */
export async function checkDemoDir(dataDir: string, stateFile: string, vendor: string): Promise<void> {
  const saved = await createLowdbStore<{ parts?: Record<string, unknown> }>(join(dataDir, stateFile)).read();
  const other = Object.keys(saved?.parts ?? {}).find(
    (part) => part !== vendor && DEMO_VENDORS.includes(part),
  );
  if (other)
    throw new Error(
      `mirrorlab demo: failed to start: ${join(dataDir, stateFile)} holds a ${other} demo; give --vendor ${vendor} its own --data-dir (default .mirrorlab/demo-${vendor}), or delete that folder.`,
    );
}

export interface VendorDemoOptions {
  vendor: string;
  dataDir: string;
  apiKey: string;
  port?: number;
  remotePort?: number;
  host?: string;
  delayAdvanced?: number;
  fetchIntervalMinutes?: number;
  /** The integration to mirror with (a path); without one there is no instance. */
  integration?: string;
  /** Content checkout for a Python integration's CommonServerPython (`--content-root`). */
  contentRoot?: string;
  tickets?: number;
  seed?: number;
}

export interface VendorDemo {
  vendor: string;
  xsoarUrl: string;
  loginUrl: string;
  remoteUrl: string;
  apiKey: string;
  harness: Harness;
  remote: RemoteHandle;
  app: XsoarApp;
  /** The mirroring instance's name, when an integration was given. */
  instance: string | undefined;
  close(): Promise<void>;
}

export async function startVendorDemo(options: VendorDemoOptions, stateFile: string): Promise<VendorDemo> {
  const kind = demoVendor(options.vendor);
  await checkDemoDir(options.dataDir, stateFile, kind.kind);
  const host = options.host ?? '127.0.0.1';
  const clock = { now: () => Date.now() };
  const linked = createLinkedStore(createLowdbStore(join(options.dataDir, stateFile)));
  // The kind keeps its own state through the linked part: seeded on a fresh start, written behind
  // on every change, snapshotted with XSOAR's commits (linked-store.ts).
  const remote = await startRemote(
    kind.kind,
    { kind: kind.kind, seed: options.seed ?? 7, tickets: options.tickets ?? 12 },
    {
      clock,
      ...(options.remotePort !== undefined ? { port: options.remotePort } : {}),
      persistence: linked.part(kind.kind, { driven: true }),
    },
  );
  linked.track(kind.kind, () => remote.snapshot());
  const instance = options.integration ? `${kind.kind}_1` : undefined;
  let harness: Harness;
  try {
    harness = await createHarness({
      clock: 'real',
      ...(options.contentRoot ? { python: { contentRoot: options.contentRoot } } : {}),
      server: { config: { 'sync.mirror.job.delayAdvanced': options.delayAdvanced ?? 5 } },
      store: linked.part<SavedState>('xsoar'),
      instances:
        instance && options.integration
          ? {
              [instance]: {
                integration: options.integration,
                // The kind's connection params (what a scenario's `remote:` wiring gives) and the
                // XSOAR-standard fetch and mirroring params.
                params: {
                  ...remote.instanceParams({}),
                  isFetch: true,
                  mirror_direction: 'Incoming And Outgoing',
                },
                fetch: { enabled: true, interval: options.fetchIntervalMinutes ?? 1 },
              },
            }
          : {},
    });
  } catch (e) {
    await remote.close();
    throw e;
  }
  linked.gate((fn) => harness.exclusive(fn));
  const app = createXsoarApp({
    harness,
    apiKey: options.apiKey,
    control: true,
    helpdesk: toRemoteDesk(remote, kind),
  });
  let server;
  try {
    server = await listen(app, { host, port: options.port ?? 3000 });
  } catch (e) {
    await harness.close();
    await remote.close();
    throw e;
  }
  const xsoar = server;
  return {
    vendor: kind.kind,
    xsoarUrl: xsoar.url,
    loginUrl: `${xsoar.url}${app.loginPath()}`,
    remoteUrl: remote.url,
    apiKey: options.apiKey,
    harness,
    remote,
    app,
    instance,
    async close() {
      // Jobs first, so nothing calls the fake while it goes away; its close flushes its state.
      await harness.close();
      await xsoar.close();
      await remote.close();
    },
  };
}
