/**
 * `mirrorlab remote <kind>`: one fake third party on its own, on the real clock, its state in a
 * lowdb file so it survives a restart. Kinds, their options and their banners come from the
 * registry's descriptors; this file knows none of them by name.
 */
import { resolve } from 'node:path';
import { BUILTIN_KINDS, REMOTE_KINDS } from '../../mocks/registry/index.ts';
import { HarnessError } from '../core/index.ts';
import type { HarnessOptions } from '../api.ts';
import { createHarness } from '../create-harness.ts';
import { isModuleKind, loadRemoteKind } from '../remote-kinds.ts';
import { createLowdbStore } from '../store/index.ts';
import { integerOption } from './options.ts';
import type { CliCommand, CliOption } from './command.ts';

const realClock = { now: () => Date.now() };

/** Every kind's own options; one an option shared by two kinds is listed once, for both. */
function kindOptions(): Record<string, CliOption> {
  const out: Record<string, CliOption> = {};
  for (const kind of BUILTIN_KINDS)
    for (const [name, option] of Object.entries(kind.cli?.options ?? {})) {
      const seen = out[name];
      out[name] = seen
        ? { ...seen, description: `${seen.description}; ${option.description}` }
        : { ...option };
    }
  return out;
}

export const command: CliCommand = {
  name: 'remote',
  summary: `run one fake third-party system on its own (kinds: ${REMOTE_KINDS.join(', ')})`,
  usage: `mirrorlab remote ${REMOTE_KINDS.join('|')}|<module.ts>`,
  options: {
    port: {
      type: 'string',
      value: 'N',
      description: `port to listen on (default ${BUILTIN_KINDS.map((k) => `${k.cli?.port ?? 0} for ${k.kind}`).join(', ')})`,
    },
    host: { type: 'string', value: 'H', description: 'address to bind (default 127.0.0.1)' },
    seed: { type: 'string', value: 'S', description: 'faker seed of generated tickets (default 1)' },
    tickets: { type: 'string', value: 'N', description: 'tickets generated on a fresh start (default 20)' },
    'data-dir': {
      type: 'string',
      value: 'DIR',
      description: 'where the lowdb file is kept (default .mirrorlab)',
    },
    ...kindOptions(),
  },
  async run(values, positionals, ctx) {
    const [kind, ...extra] = positionals;
    // A user's fake by module path runs the same way when its descriptor has a `cli`.
    const descriptor =
      kind && isModuleKind(kind)
        ? await loadRemoteKind('remote: failed to start remote', kind, ctx.cwd)
        : BUILTIN_KINDS.find((k) => k.kind === kind && k.cli);
    if (descriptor && !descriptor.cli)
      throw new HarnessError(
        'invalid-input',
        `remote: failed to start remote: ${kind ?? ''} has no cli. Give its descriptor cli: { port, options, start } to run it on its own.`,
      );
    if (!kind || !descriptor || extra.length > 0) {
      throw new HarnessError(
        'invalid-input',
        `remote: failed to start remote: ${kind ? `unknown kind "${[kind, ...extra].join(' ')}"` : 'no kind given'}. Known kinds: ${REMOTE_KINDS.join(', ')}; e.g. mirrorlab remote ${REMOTE_KINDS[0]} --port ${BUILTIN_KINDS[0]!.cli?.port ?? 4100}.`,
      );
    }
    const cli = descriptor.cli!;
    const port = integerOption('remote', values, 'port', cli.port, 0, 65535);
    const seed = integerOption('remote', values, 'seed', 1, 0, 2 ** 31 - 1);
    const tickets = integerOption('remote', values, 'tickets', 20, 0, 100_000);
    const host = (values.host as string | undefined) ?? '127.0.0.1';
    const file = resolve(
      ctx.cwd,
      (values['data-dir'] as string | undefined) ?? '.mirrorlab',
      `${descriptor.kind}.json`,
    );
    const server = await cli.start({
      clock: realClock,
      host,
      port,
      seed,
      tickets,
      file,
      persistence: createLowdbStore<unknown>(file),
      values,
      // A kind that is a fake XSOAR tenant gets its engine here (mocks/ cannot import the harness).
      createTenant: (tenant) =>
        createHarness({
          clock: tenant.clock,
          ...(tenant.store ? { store: tenant.store as NonNullable<HarnessOptions['store']> } : {}),
        }),
    });
    for (const line of server.banner) ctx.out(line);
    ctx.out('Ctrl-C to stop.');
    await new Promise<void>((done) => {
      if (ctx.signal.aborted) done();
      else ctx.signal.addEventListener('abort', () => done(), { once: true });
    });
    await server.close();
    ctx.out(`${descriptor.kind} stopped; state saved.`);
    return 0;
  },
};
