/**
 * mirrorlab as a user gets it: the packed tarball installed into a new project (offline, from the npm
 * cache), then used the way the README says — plain `node` imports, `tsc` with `strict` and
 * `skipLibCheck: false`, `mirrorlab init` + `mirrorlab run`, and `vitest run` over the init scaffold,
 * the docs' TypeScript blocks and a test whose helpdesk runs on the harness clock.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConsumerProject, repoRoot, type ConsumerProject } from '../support/consumer-project.ts';
import { docBlocks, where } from '../support/doc-blocks.ts';

const HARNESS_CLOCK_TEST = `import { expect, it } from 'vitest';
import { createHarness } from 'mirrorlab';
import { createHelpdesk, listen } from 'mirrorlab/fakes';

it('sees two successive remote comments after two advances: the fake runs on the harness clock', async () => {
  let harness: Awaited<ReturnType<typeof createHarness>> | undefined;
  const clock = { now: () => harness?.now() ?? Date.parse('2026-01-01T00:00:00Z') };
  const desk = await createHelpdesk({ clock, tickets: [{ id: 'T-1', title: 'Phishing mail' }] });
  const server = await listen(desk.app());
  harness = await createHarness({
    start: '2026-01-01T00:00:00Z',
    instances: {
      desk_1: {
        integration: 'builtin:helpdesk',
        params: { url: server.url, api_key: desk.apiKey, mirror_direction: 'Incoming', first_fetch: '2025-12-01T00:00:00Z' },
      },
    },
  });
  await harness.fetch('desk_1');
  desk.tickets.comment('T-1', { body: 'first comment' });
  await harness.advance('1m');
  desk.tickets.comment('T-1', { body: 'second comment' });
  await harness.advance('1m');
  const pulled = harness.incidents.entries('1').map((e) => String(e.Contents)).filter((c) => c.includes('comment'));
  expect(pulled).toHaveLength(2);
  await harness.close();
  await server.close();
});
`;

const USES_PUBLIC_TYPES = `import {
  createHarness,
  defineIntegration,
  GetRemoteDataArgs,
  GetRemoteDataResponse,
  type Harness,
  type HarnessOptions,
  type Incident,
  type JournalRecord,
} from 'mirrorlab';
import { createHelpdesk, listen, type RemoteHandle, type Helpdesk } from 'mirrorlab/fakes';
import { defineScenarioTests } from 'mirrorlab/vitest';

export const integration = defineIntegration({
  commands: {
    'get-remote-data': (demisto) => {
      const args = new GetRemoteDataArgs(demisto.args());
      return new GetRemoteDataResponse({ id: args.remoteIncidentId }, []);
    },
  },
});
export async function wire(options: HarnessOptions): Promise<[Harness, Helpdesk, RemoteHandle | undefined]> {
  const harness = await createHarness(options);
  const desk = await createHelpdesk({ clock: harness });
  await listen(desk.app());
  const incidents: Incident[] = harness.incidents.list();
  const journal: JournalRecord[] = harness.journal();
  void incidents;
  void journal;
  return [harness, desk, harness.remotes.desk];
}
export const scenarios: typeof defineScenarioTests = defineScenarioTests;
`;

let project: ConsumerProject;

beforeAll(() => {
  project = createConsumerProject();
}, 180_000);

describe('mirrorlab installed in a user project', () => {
  it('imports with plain node: mirrorlab, mirrorlab/fakes and the CLI', () => {
    const out = project.run('node', [
      '--input-type=module',
      '-e',
      "const m = await import('mirrorlab'); const f = await import('mirrorlab/fakes'); console.log(typeof m.createHarness, typeof m.defineIntegration, typeof f.createHelpdesk, typeof f.createServicenow, typeof f.listen);",
    ]);
    expect(out.trim()).toBe('function function function function function');
    expect(project.run('npx', ['mirrorlab', '--help'])).toContain('serve');
  });

  it('scaffolds with init, and mirrorlab run passes the example on builtin:helpdesk', () => {
    expect(project.run('npx', ['mirrorlab', 'init'])).toContain('wrote   scenarios/example.yaml');
    const run = project.run('npx', ['mirrorlab', 'run']);
    expect(run).toMatch(/✓ a helpdesk ticket mirrors into XSOAR and back/);
    expect(run).toContain('1 passed');
  }, 60_000);

  it("typechecks a file using the public types, and the docs' TypeScript, with strict and skipLibCheck: false", () => {
    project.write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          // The docs' fake example imports its module as `../fakes/alertly.ts`, as tsx and vitest allow.
          allowImportingTsExtensions: true,
          types: ['node'],
        },
        include: ['src/**/*.ts', 'docs/**/*.ts', 'fakes/**/*.ts', 'test/**/*.ts'],
      }),
    );
    mkdirSync(join(project.dir, 'src'), { recursive: true });
    project.write('src/uses-public-types.ts', USES_PUBLIC_TYPES);
    writeDocBlocks();
    project.run('npx', ['tsc', '-p', 'tsconfig.json']);
  }, 120_000);

  it("runs vitest over the init scaffold, the docs' tests and a helpdesk on the harness clock", () => {
    writeDocBlocks();
    mkdirSync(join(project.dir, 'src'), { recursive: true });
    project.write('src/harness-clock.test.ts', HARNESS_CLOCK_TEST);
    const out = project.run('npx', ['vitest', 'run', '--reporter=verbose']);
    expect(out).toContain('a helpdesk ticket mirrors into XSOAR and back');
    expect(out).toContain('sees two successive remote comments after two advances');
    expect(out).not.toMatch(/\bfailed\b/);
  }, 120_000);
});

/**
 * The docs' `ts test` / `ts module` blocks as files of the project: `ts module fakes/x.ts` at that
 * path, `ts test dir/` in that folder, the rest under docs/ (named after the doc and its line).
 */
function writeDocBlocks(): void {
  for (const block of docBlocks(repoRoot)) {
    if (block.language !== 'ts') continue;
    const name = `${block.file.replace(/[/.]/g, '-')}-${block.line}`;
    const arg = block.argument;
    const file =
      block.tag === 'module' && arg?.endsWith('.ts')
        ? arg
        : block.tag === 'test'
          ? join(arg ? arg.replace(/\/$/, '') : 'docs', `${name}.test.ts`)
          : join('docs', `${name}.ts`);
    mkdirSync(join(project.dir, dirname(file)), { recursive: true });
    project.write(file, `// extracted from ${where(block)}\n${block.code}`);
  }
}
