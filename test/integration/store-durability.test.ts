import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryDesk, memoryDeskIntegration } from '../support/memory-desk.ts';
import { createTempDirs } from '../support/temp-dirs.ts';
import { createHarness, type HarnessEvent, type SavedState } from '../../harness/index.ts';
import {
  createLinkedStore,
  createLowdbStore,
  createStateWriter,
  type Store,
} from '../../harness/store/index.ts';

const temp = createTempDirs('mirrorlab-store-');
const tempDir = () => temp.make();
afterEach(() => temp.removeAll());

/** A store file whose temp file name is taken by a directory: writes fail (EISDIR) until unblock(). */
async function blockedFile(name: string): Promise<{ file: string; unblock: () => Promise<void> }> {
  const dir = await tempDir();
  const blocker = join(dir, `.${name}.${process.pid}.tmp`);
  await mkdir(blocker);
  return { file: join(dir, name), unblock: () => rm(blocker, { recursive: true }) };
}

/** A real lowdb file store that counts its writes. */
function counted<T>(store: Store<T>): Store<T> & { writes: number } {
  const wrapped = {
    writes: 0,
    read: () => store.read(),
    async write(value: T) {
      wrapped.writes++;
      await store.write(value);
    },
  };
  return wrapped;
}

describe('state writer', () => {
  it('coalesces a burst of saves into at most two writes that end with the newest state', async () => {
    const file = join(await tempDir(), 'state.json');
    const store = counted(createLowdbStore<{ n: number }>(file));
    const writer = createStateWriter(store);
    const saves = Array.from({ length: 200 }, (_, n) => writer.save({ n }));
    await Promise.all(saves);
    expect(store.writes).toBeLessThanOrEqual(2);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 199 });
  });

  it('reports a failed write, keeps later saves and writes them once the disk works again', async () => {
    const { file, unblock } = await blockedFile('state.json');
    const reports: { ok: boolean; message: string }[] = [];
    const writer = createStateWriter(createLowdbStore<{ n: number }>(file), {
      onReport: (r) => reports.push(r),
    });
    await writer.save({ n: 1 });
    await writer.save({ n: 2 });
    expect(writer.health()).toMatchObject({ ok: false, failures: 1 });
    expect(reports).toEqual([
      {
        ok: false,
        message: expect.stringMatching(
          /^store: failed to save the state: EISDIR.*The server keeps running and retries/,
        ) as unknown as string,
      },
    ]);
    await expect(writer.flush()).rejects.toThrow(/EISDIR/);
    await unblock();
    await writer.flush();
    writer.stop();
    expect(writer.health().ok).toBe(true);
    expect(reports.at(-1)).toEqual({ ok: true, message: 'store: saved again after 2 failed attempt(s).' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 2 });
  });
});

describe('state writer retries', () => {
  it('retries a failed write by itself, through the given section, with the newest state', async () => {
    const { file, unblock } = await blockedFile('state.json');
    let sections = 0;
    const writer = createStateWriter(createLowdbStore<{ n: number }>(file), {
      retryMs: { first: 5, max: 5 },
      retryThrough: async (attempt) => {
        sections++;
        await attempt();
      },
    });
    await writer.save({ n: 1 });
    await writer.save({ n: 2 });
    await unblock();
    for (let i = 0; i < 400 && !writer.health().ok; i++) await new Promise((r) => setTimeout(r, 5));
    writer.stop();
    expect(writer.health().ok).toBe(true);
    expect(sections).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 2 });
  });
});

describe('lowdb store', () => {
  it('removes temp files a crashed writer left and keeps a secret file at mode 0600', async () => {
    const dir = await tempDir();
    const file = join(dir, 'keys.json');
    await writeFile(file, '{"k":"v"}', { mode: 0o644 });
    await writeFile(join(dir, '.keys.json.4242.tmp'), '{"half');
    await writeFile(join(dir, '.keys.json.tmp'), '{"half');
    const store = createLowdbStore<{ k: string }>(file, { mode: 0o600 });
    expect(await store.read()).toEqual({ k: 'v' });
    expect((await readdir(dir)).sort()).toEqual(['keys.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});

describe('engine persistence', () => {
  it('answers while the store fails, reports it in health and events, and saves once it works', async () => {
    const { file, unblock } = await blockedFile('xsoar.json');
    const harness = await createHarness({ store: createLowdbStore<SavedState>(file) });
    const events: HarnessEvent[] = [];
    harness.on((e) => events.push(e));
    const first = await harness.incidents.create({ name: 'first' });
    expect(harness.storeHealth()).toMatchObject({ ok: false, failures: 1 });
    expect(events.filter((e) => e.type === 'store')).toHaveLength(1);
    await unblock();
    const second = await harness.incidents.create({ name: 'second' });
    await harness.close();
    const saved = JSON.parse(await readFile(file, 'utf8')) as SavedState;
    expect(Object.keys(saved.world.incidents).sort()).toEqual([first.id, second.id].sort());
    expect(harness.storeHealth().ok).toBe(true);
  });

  it('has every change the API confirmed on disk when the call returns', async () => {
    const file = join(await tempDir(), 'xsoar.json');
    const harness = await createHarness({ store: createLowdbStore<SavedState>(file) });
    for (let i = 0; i < 5; i++) {
      const incident = await harness.incidents.create({ name: `n${i}` });
      const saved = JSON.parse(await readFile(file, 'utf8')) as SavedState;
      expect(saved.world.incidents[incident.id]?.name).toBe(`n${i}`);
    }
    await harness.close();
  });
});

describe('persistence on the virtual clock', () => {
  it('writes once per advance, however many jobs ran in it, with the state after the last one', async () => {
    let now = () => 0;
    const desk = createMemoryDesk(() => now());
    const file = join(await tempDir(), 'state.json');
    const store = counted(createLowdbStore<SavedState>(file));
    const h = await createHarness({
      server: { config: { 'sync.mirror.job.delay': 1 } },
      store,
      instances: {
        desk_1: { integration: memoryDeskIntegration(desk), fetch: { enabled: true, interval: 1 } },
      },
    });
    now = () => h.now();
    const [ticket] = [1, 2, 3].map((i) => desk.create(`Ticket ${i}`));
    // Ten minutes: ten fetch jobs and ten mirror cycles, each renaming a ticket for the next.
    const off = h.on((e) => {
      if (e.type === 'job' && e.job === 'mirror' && e.phase === 'end')
        desk.update(ticket!.id, { title: `v${e.at}` });
    });
    const before = store.writes;
    await h.advance('10m');
    off();
    expect(h.journal().filter((r) => r.command === 'get-remote-data').length).toBeGreaterThanOrEqual(9);
    expect(store.writes - before).toBe(1);
    const saved = JSON.parse(await readFile(file, 'utf8')) as SavedState;
    expect(saved.world).toEqual(JSON.parse(JSON.stringify(h.world())));
    expect(saved.journal.at(-1)?.seq).toBe(h.journal().at(-1)?.seq);
    // A call of the API is answered from disk as before: its own write, at once.
    await h.incidents.update('1', { severity: 3 });
    expect(store.writes - before).toBe(2);
    // A window with no job due writes nothing.
    await h.advance('10s');
    expect(store.writes - before).toBe(2);
    await h.close();
  });
});

describe('linked store', () => {
  it('commits every part in one file, taking the driven part at a consistent moment', async () => {
    const file = join(await tempDir(), 'state.json');
    const linked = createLinkedStore(createLowdbStore<{ parts: Record<string, unknown> }>(file));
    let desk = { comments: 0 };
    const xsoar = linked.part<{ pushed: number }>('xsoar');
    const helpdesk = linked.part<{ comments: number }>('helpdesk', { driven: true });
    linked.track('helpdesk', () => ({ ...desk }));
    const gateLog: string[] = [];
    linked.gate(async (fn) => {
      gateLog.push('gate');
      return fn();
    });
    desk = { comments: 1 };
    await xsoar.write({ pushed: 1 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      parts: { xsoar: { pushed: 1 }, helpdesk: { comments: 1 } },
    });
    desk = { comments: 2 };
    await helpdesk.write({ comments: 2 });
    expect(gateLog).toEqual(['gate']);
    const reopened = createLinkedStore(createLowdbStore<{ parts: Record<string, unknown> }>(file));
    expect(await reopened.part('xsoar').read()).toEqual({ pushed: 1 });
    expect(await reopened.part('helpdesk').read()).toEqual({ comments: 2 });
  });
});
