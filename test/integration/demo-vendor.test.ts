/**
 * `mirrorlab demo --vendor <kind>` without a browser: the choices and the error come from the
 * registry, a vendor's fake keeps its state in the demo's state.json across a restart, and a data
 * dir that holds another vendor's demo is refused rather than mixed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { helpText } from '../../harness/cli/command.ts';
import { command, STATE_FILE } from '../../harness/cli/demo.ts';
import { DEMO_VENDORS, startVendorDemo } from '../../harness/cli/vendor-demo.ts';
import { BUILTIN_KINDS } from '../../mocks/registry/index.ts';
import { recordingCliContext } from '../support/cli-context.ts';

const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'demo-vendor-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('mirrorlab demo --vendor', () => {
  it('offers the registry kinds that have a dashboard view, in --help too', () => {
    expect(DEMO_VENDORS).toEqual(BUILTIN_KINDS.filter((k) => k.dashboard).map((k) => k.kind));
    expect(DEMO_VENDORS).toEqual(['helpdesk', 'servicenow', 'zendesk', 'jira']);
    expect(helpText(command)).toMatch(
      /--vendor KIND\s+.*helpdesk, servicenow, zendesk, jira \(default helpdesk\)/,
    );
  });

  it('refuses an unknown vendor in one line naming the valid ones, starting nothing', async () => {
    const dir = await tempDir();
    const { ctx, out, err } = recordingCliContext(dir);
    expect(await command.run({ vendor: 'pagerduty' }, [], ctx)).toBe(2);
    expect(err).toEqual([
      'mirrorlab demo: failed to start: unknown vendor "pagerduty"; --vendor takes one of helpdesk, servicenow, zendesk, jira.',
    ]);
    expect(out).toEqual([]);
  });

  it('refuses the built-in helpdesk integration for another vendor', async () => {
    const dir = await tempDir();
    const { ctx, err } = recordingCliContext(dir);
    expect(await command.run({ vendor: 'zendesk', integration: 'builtin:helpdesk' }, [], ctx)).toBe(2);
    expect(err.join('\n')).toContain('builtin:helpdesk speaks only the helpdesk');
  });

  it("keeps the vendor's tickets and comments in state.json across a restart", async () => {
    const dataDir = await tempDir();
    const options = { vendor: 'servicenow', dataDir, apiKey: 'k', port: 0, tickets: 3, seed: 2 };
    const first = await startVendorDemo(options, STATE_FILE);
    const number = (first.remote.items()[0] as { number: string }).number;
    first.remote.act({ comment: number, body: 'kept across the restart', internal: true });
    first.remote.act({ update: number, fields: { short_description: 'Renamed before the restart' } });
    await first.close();

    const saved = JSON.parse(await readFile(join(dataDir, STATE_FILE), 'utf8')) as {
      parts: Record<string, unknown>;
    };
    // XSOAR's part joins once the harness has something to commit (no instance here: nothing yet).
    expect(Object.keys(saved.parts).filter((p) => p !== 'xsoar')).toEqual(['servicenow']);

    const second = await startVendorDemo({ ...options, tickets: 9 }, STATE_FILE);
    try {
      expect(second.remote.items()).toHaveLength(3);
      expect(second.remote.item(number)).toMatchObject({ short_description: 'Renamed before the restart' });
      expect(second.remote.comments(number)).toContainEqual(
        expect.objectContaining({ value: 'kept across the restart', element: 'work_notes' }),
      );
    } finally {
      await second.close();
    }
  });

  it("refuses a data dir that holds another vendor's demo", async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, STATE_FILE), JSON.stringify({ parts: { xsoar: {}, helpdesk: {} } }));
    await expect(
      startVendorDemo({ vendor: 'zendesk', dataDir, apiKey: 'k', port: 0 }, STATE_FILE),
    ).rejects.toThrow(/holds a helpdesk demo; give --vendor zendesk its own --data-dir/);
  });
});
