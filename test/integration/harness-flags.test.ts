import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness } from '../../harness/index.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirrorlab-flags-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('infers the flags of a .ts integration without a YAML from the commands it defines, and fetches only on request', async () => {
  const api = fileURLToPath(new URL('../../harness/index.ts', import.meta.url));
  const file = join(dir, 'no-manifest.ts');
  await writeFile(
    file,
    `import { defineIntegration } from ${JSON.stringify(api)};\n` +
      `export default defineIntegration({ commands: { 'fetch-incidents': (d) => d.incidents([{ name: 'x' }]), 'get-remote-data': () => ({ id: 1 }) } });\n`,
  );
  const h = await createHarness({ instances: { plain: { integration: file } } });
  expect(h.world().instances.plain?.flags).toEqual({
    isfetch: true,
    ismappable: false,
    isremotesyncin: true,
    isremotesyncout: false,
  });
  // Like XSOAR, no fetch job without isFetch / fetch.enabled (contract.md §B.2); a fetch on request still runs.
  expect(h.world().instances.plain?.fetch.enabled).toBe(false);
  await h.fetch('plain');
  expect(h.incidents.list().map((i) => i.name)).toEqual(['x']);
  await h.close();
});
