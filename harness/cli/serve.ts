/**
 * `mirrorlab serve FILE` (design.md §9): a scenario's server, remotes and instances live on the real
 * clock, with the XSOAR REST API and the dashboard and none of its steps, so a user can watch and
 * poke at their own integration the way `npm start` shows the reference one. Fetch jobs run on their
 * intervals (the first at once), the mirror job on the scenario's `sync.mirror.job.*` settings.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createHarness } from '../index.ts';
import { pythonWorkerMode } from '../runtime/index.ts';
import { formatIssue, loadScenarios, toHarnessOptions } from '../scenario/index.ts';
import { listen } from '../../mocks/index.ts';
import type { RemoteHandle } from '../../mocks/index.ts';
import { findRemoteKind, type RemoteKind, type TicketView } from '../../mocks/registry/index.ts';
import { createXsoarApp } from '../../mocks/xsoar/index.ts';
import { toRemoteDesk } from './remote-desk.ts';
import { untilAborted, type CliCommand } from './command.ts';
import { integerOption } from './options.ts';

export const command: CliCommand = {
  name: 'serve',
  summary:
    "run a scenario's server, remotes and instances live on the real clock, with the REST API and dashboard (no steps)",
  usage: 'mirrorlab serve <scenario.yaml>',
  options: {
    port: { type: 'string', value: 'N', description: 'port of the fake XSOAR and dashboard (default 3000)' },
    python: { type: 'string', value: 'PATH', description: 'python interpreter (default /usr/bin/python3)' },
    'content-root': {
      type: 'string',
      value: 'DIR',
      description: 'content checkout for content: paths and CommonServerPython (or MIRRORLAB_CONTENT_ROOT)',
    },
  },
  async run(values, positionals, ctx) {
    if (positionals.length !== 1) {
      ctx.err(
        'mirrorlab serve: failed to read the arguments: expected one scenario file. Example: mirrorlab serve scenarios/example.yaml',
      );
      return 2;
    }
    const port = integerOption('serve', values, 'port', 3000, 0, 65535);
    const { scenarios, issues } = await loadScenarios([resolve(ctx.cwd, positionals[0]!)], { cwd: ctx.cwd });
    if (issues.length > 0 || !scenarios[0]) {
      for (const issue of issues) ctx.err(formatIssue(issue));
      ctx.err('mirrorlab serve: the scenario file has problems; nothing started. Fix them and run again.');
      return 2;
    }
    const loaded = scenarios[0];
    const contentRoot =
      (values['content-root'] as string | undefined) ?? (ctx.env.MIRRORLAB_CONTENT_ROOT || undefined);
    const harness = await createHarness({
      ...toHarnessOptions(loaded, {
        ...(contentRoot ? { contentRoot: resolve(ctx.cwd, contentRoot) } : {}),
        ...(values.python !== undefined ? { python: String(values.python) } : {}),
        pythonWorkers: pythonWorkerMode(ctx.env),
      }),
      clock: 'real',
    });
    const apiKey = randomBytes(16).toString('hex');
    const remotes = Object.values(harness.remotes);
    // The dashboard's right-hand pane shows the first remote whose kind describes a dashboard view.
    const shown = remotes
      .map((remote) => ({ remote, kind: findRemoteKind(remote.kind) }))
      .find((r): r is { remote: RemoteHandle; kind: RemoteKind & { dashboard: TicketView } } =>
        Boolean(r.kind?.dashboard),
      );
    const app = createXsoarApp({
      harness,
      apiKey,
      control: true,
      ...(shown ? { helpdesk: toRemoteDesk(shown.remote, shown.kind) } : {}),
    });
    let server;
    try {
      server = await listen(app, { port });
    } catch (e) {
      await harness.close();
      throw e;
    }
    ctx.out(`mirrorlab serve: ${loaded.name} (${loaded.displayPath}) is running.`);
    ctx.out(`  Dashboard:  ${server.url}${app.loginPath()}`);
    ctx.out(
      '              (one-time login link; it sets a session cookie, the API key never reaches the browser)',
    );
    ctx.out(`  XSOAR API:  ${server.url}   Authorization: ${apiKey}`);
    for (const remote of remotes) ctx.out(`  ${remote.name} (${remote.kind}):  ${remote.url}`);
    const instances = Object.values(harness.world().instances);
    for (const instance of instances) {
      const fetch = instance.fetch.enabled ? `fetch every ${instance.fetch.intervalMinutes} min` : 'no fetch';
      ctx.out(`  Instance:   ${instance.name} (${instance.brand}): ${fetch}`);
    }
    for (const instance of instances.filter((i) => i.fetch.enabled)) {
      try {
        const first = await harness.fetch(instance.name);
        ctx.out(`  First fetch of ${instance.name}: ${first.message}`);
      } catch (e) {
        ctx.err(`  First fetch of ${instance.name} failed: ${(e as Error).message}`);
      }
    }
    harness.start();
    ctx.out('Ctrl-C to stop.');
    await untilAborted(ctx.signal);
    ctx.out('stopping…');
    await harness.close();
    await server.close();
    ctx.out('mirrorlab serve: stopped.');
    return 0;
  },
};
