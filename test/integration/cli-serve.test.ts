/**
 * `mirrorlab serve FILE`: the scenario's remotes and instances live on the real clock behind the
 * XSOAR REST API and the dashboard, without running its steps; Ctrl-C stops it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command } from '../../harness/cli/serve.ts';

const SCENARIO = `name: served helpdesk
server: { config: { sync.mirror.job.delayAdvanced: 1 } }
remotes:
  desk: { kind: helpdesk, tickets: [{ id: T-1, title: Served ticket }] }
instances:
  desk_1:
    integration: builtin:helpdesk
    remote: desk
    params: { mirror_direction: Incoming And Outgoing }
    fetch: { enabled: true, interval: 1 }
steps:
  - expect: { incidents: { count: 99 } }
`;

let dir: string;
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mirrorlab serve', () => {
  it('serves a scenario live without its steps: fetched at once, mirrored on the real clock, stopped by Ctrl-C', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mirrorlab-serve-'));
    await writeFile(join(dir, 'served.yaml'), SCENARIO);
    const lines: string[] = [];
    const controller = new AbortController();
    let ready!: () => void;
    const started = new Promise<void>((r) => (ready = r));
    const exit = command.run({ port: '0' }, ['served.yaml'], {
      env: {},
      cwd: dir,
      out: (l) => {
        lines.push(l);
        if (l === 'Ctrl-C to stop.') ready();
      },
      err: (l) => lines.push(`ERR ${l}`),
      signal: controller.signal,
      debug: false,
    });
    await started;
    const api = /XSOAR API:\s+(\S+)\s+Authorization: (\S+)/.exec(lines.join('\n'))!;
    const desk = /desk \(helpdesk\):\s+(\S+)/.exec(lines.join('\n'))!;
    expect(lines).toContain('  First fetch of desk_1: 1 pulled');
    const search = async () =>
      (await (
        await fetch(`${api[1]}/incidents/search`, {
          method: 'POST',
          headers: { authorization: api[2]!, 'content-type': 'application/json' },
          body: JSON.stringify({ filter: {} }),
        })
      ).json()) as { data: { id: string; name: string }[] };
    expect((await search()).data.map((i) => i.name)).toEqual(['Served ticket']);
    // A remote edit reaches the incident on the real clock (mirror job every second).
    const patched = await fetch(`${desk[1]}/api/v1/tickets/T-1`, {
      method: 'PATCH',
      headers: { authorization: 'Bearer helpdesk-dev-key', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Served ticket (renamed)' }),
    });
    expect(patched.status).toBe(200);
    await expect
      .poll(async () => (await search()).data[0]?.name, { timeout: 10_000 })
      .toBe('Served ticket (renamed)');
    controller.abort();
    expect(await exit).toBe(0);
    expect(lines.at(-1)).toBe('mirrorlab serve: stopped.');
  }, 30_000);

  it('refuses a scenario file with problems and starts nothing', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'mirrorlab-serve-bad-'));
    await writeFile(join(bad, 'bad.yaml'), 'name: x\nremotes: { desk: { kind: nope } }\nsteps: []\n');
    const lines: string[] = [];
    const code = await command.run({}, ['bad.yaml'], {
      env: {},
      cwd: bad,
      out: (l) => lines.push(l),
      err: (l) => lines.push(l),
      signal: new AbortController().signal,
      debug: false,
    });
    expect(code).toBe(2);
    expect(lines.join('\n')).toMatch(/bad\.yaml:2:\d+: .*nope/);
    await rm(bad, { recursive: true, force: true });
  });
});
