/**
 * Crash test (issue 12, item 5): `mirrorlab demo` in a child process takes writes over its REST
 * API (incidents, and notes that mirror out as helpdesk comments) and is SIGKILLed at random
 * moments, several times. After each restart every write the API confirmed is still there, and no
 * note reached the helpdesk twice (the two sides are committed together, so XSOAR never forgets a
 * note it already pushed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const running = new Set<ChildProcess>();

interface Demo {
  child: ChildProcess;
  xsoar: string;
  key: string;
  helpdesk: string;
  helpdeskKey: string;
  exited: Promise<void>;
}

/** Starts the real CLI and waits until it prints "Ctrl-C to stop." (first fetch done). */
function startDemo(dataDir: string): Promise<Demo> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'harness/cli.ts',
      'demo',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--delay-advanced',
      '1',
      '--tickets',
      '3',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  void exited.then(() => running.delete(child));
  let out = '';
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!out.includes('Ctrl-C to stop.')) return;
      const api = /XSOAR API:\s+(\S+)\s+Authorization: (\S+)/.exec(out);
      const desk = /Helpdesk:\s+(\S+)\/api\/v1\s+Authorization: Bearer (\S+)/.exec(out);
      if (!api || !desk) return reject(new Error(`unexpected demo output:\n${out}`));
      resolve({ child, xsoar: api[1]!, key: api[2]!, helpdesk: desk[1]!, helpdeskKey: desk[2]!, exited });
    });
    void exited.then(() => reject(new Error(`demo exited early:\n${out}\n${err}`)));
  });
}

async function xsoar(demo: Demo, path: string, body: unknown): Promise<Response> {
  return fetch(`${demo.xsoar}${path}`, {
    method: 'POST',
    headers: { authorization: demo.key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function incidents(demo: Demo): Promise<{ id: string; name: string; dbotMirrorId?: string }[]> {
  const all: { id: string; name: string; dbotMirrorId?: string }[] = [];
  for (let page = 0; ; page++) {
    const res = await xsoar(demo, '/incidents/search', { filter: { page, size: 1000 } });
    const { data } = (await res.json()) as { data: { id: string; name: string; dbotMirrorId?: string }[] };
    all.push(...data);
    if (data.length < 1000) return all;
  }
}

async function helpdeskComments(demo: Demo, ticket: string): Promise<string[]> {
  const res = await fetch(`${demo.helpdesk}/api/v1/tickets/${ticket}/comments`, {
    headers: { authorization: `Bearer ${demo.helpdeskKey}` },
  });
  return ((await res.json()) as { data: { body: string }[] }).data.map((c) => c.body);
}

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

describe('mirrorlab demo under kill -9', () => {
  it('keeps every confirmed write and never duplicates a mirrored note', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mirrorlab-crash-'));
    const confirmedIncidents: string[] = [];
    const confirmedNotes: { incident: string; ticket: string; text: string }[] = [];
    try {
      for (let round = 0; round < 3; round++) {
        const demo = await startDemo(dataDir);
        const mirrored = (await incidents(demo)).filter((i) => i.dbotMirrorId);
        expect(mirrored.length).toBeGreaterThan(0);
        // Everything confirmed before the last kill survived it.
        const names = new Set((await incidents(demo)).map((i) => i.name));
        expect(confirmedIncidents.filter((n) => !names.has(n))).toEqual([]);
        let stop = false;
        const writer = async (lane: number) => {
          for (let i = 0; !stop; i++) {
            const name = `crash-${round}-${lane}-${i}`;
            const target = mirrored[i % mirrored.length]!;
            const text = `[note-${round}-${lane}-${i}]`;
            try {
              const created = await xsoar(demo, '/incident', { name });
              if (created.status === 201 || created.status === 200) confirmedIncidents.push(name);
              const noted = await xsoar(demo, '/entry', {
                investigationId: target.id,
                data: text,
                tags: ['comment'],
                note: true,
              });
              if (noted.ok) confirmedNotes.push({ incident: target.id, ticket: target.dbotMirrorId!, text });
            } catch {
              return; // killed mid-request: that write was never confirmed
            }
          }
        };
        const lanes = [writer(0), writer(1)];
        // A random moment: after some writes and at least one mirror cycle, mid-request.
        await new Promise((r) => setTimeout(r, 800 + Math.floor(Math.random() * 1200)));
        demo.child.kill('SIGKILL');
        stop = true;
        await Promise.all(lanes);
        await demo.exited;
      }

      const demo = await startDemo(dataDir);
      const names = new Set((await incidents(demo)).map((i) => i.name));
      expect(confirmedIncidents.filter((n) => !names.has(n))).toEqual([]);
      expect(confirmedNotes.length).toBeGreaterThan(0);
      // Let the mirror job push what was pending, then count every note on the helpdesk.
      const count = async () => {
        const byTicket = new Map<string, string[]>();
        for (const ticket of new Set(confirmedNotes.map((n) => n.ticket)))
          byTicket.set(ticket, await helpdeskComments(demo, ticket));
        return confirmedNotes.map((n) => byTicket.get(n.ticket)!.filter((b) => b.includes(n.text)).length);
      };
      let counts = await count();
      for (let i = 0; i < 100 && counts.some((c) => c === 0); i++) {
        await new Promise((r) => setTimeout(r, 200));
        counts = await count();
      }
      expect(counts.filter((c) => c !== 1)).toEqual([]);
      demo.child.kill('SIGTERM');
      await demo.exited;
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
