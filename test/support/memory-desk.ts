/**
 * An in-memory remote ticket store plus an in-process TypeScript integration that mirrors with it.
 * For engine tests and benchmarks: it exercises the real loop (fetch, get-modified, get-remote-data,
 * update-remote-system) without HTTP, so figures measure the engine, not a network.
 */
import {
  defineIntegration,
  GetModifiedRemoteDataArgs,
  GetModifiedRemoteDataResponse,
  GetRemoteDataArgs,
  GetRemoteDataResponse,
  NotImplementedError,
  returnError,
  UpdateRemoteSystemArgs,
} from '../../harness/index.ts';
import type { DemistoContext, Json, TypeScriptIntegration } from '../../harness/index.ts';

export interface MemoryTicket {
  id: string;
  title: string;
  severity: number;
  status: 'open' | 'closed';
  closeReason: string;
  updatedAt: number;
  comments: { at: number; body: string }[];
}

export interface MemoryDesk {
  tickets: Map<string, MemoryTicket>;
  now: () => number;
  create(title: string, fields?: Partial<MemoryTicket>): MemoryTicket;
  update(id: string, fields: Partial<MemoryTicket>): MemoryTicket;
  comment(id: string, body: string): void;
  /** Requests left before the desk answers "rate limited"; undefined = unlimited. */
  budget: number | undefined;
  calls: string[];
}

export function createMemoryDesk(now: () => number): MemoryDesk {
  let seq = 0;
  const desk: MemoryDesk = {
    tickets: new Map(),
    now,
    budget: undefined,
    calls: [],
    create(title, fields = {}) {
      const t: MemoryTicket = {
        id: `T-${++seq}`,
        title,
        severity: 2,
        status: 'open',
        closeReason: '',
        updatedAt: desk.now(),
        comments: [],
        ...fields,
      };
      desk.tickets.set(t.id, t);
      return t;
    },
    update(id, fields) {
      const t = desk.tickets.get(id);
      if (!t) throw new Error(`no ticket ${id}`);
      Object.assign(t, fields, { updatedAt: desk.now() });
      return t;
    },
    comment(id, body) {
      const t = desk.tickets.get(id)!;
      t.comments.push({ at: desk.now(), body });
      t.updatedAt = desk.now();
    },
  };
  return desk;
}

export interface MemoryDeskOptions {
  direction?: 'In' | 'Out' | 'Both';
  /** Leave get-modified-remote-data out: the server falls back to polling every incident. */
  withoutGetModified?: boolean;
}

function spend(desk: MemoryDesk, demisto: DemistoContext, what: string): void {
  desk.calls.push(what);
  if (desk.budget === undefined) return;
  if (desk.budget <= 0) returnError(demisto, `API rate limit exceeded while calling ${what}`);
  desk.budget--;
}

export function memoryDeskIntegration(
  desk: MemoryDesk,
  options: MemoryDeskOptions = {},
): TypeScriptIntegration {
  const direction = options.direction ?? 'Both';
  const commands: Record<string, (demisto: DemistoContext) => unknown> = {
    'test-module': () => 'ok',
    'fetch-incidents': (demisto) => {
      const last = demisto.getLastRun() as { seen?: string[] };
      const seen = new Set(last.seen ?? []);
      const fresh = [...desk.tickets.values()].filter((t) => !seen.has(t.id));
      demisto.setLastRun({ seen: [...seen, ...fresh.map((t) => t.id)] });
      demisto.incidents(
        fresh.map((t) => ({
          name: t.title,
          severity: t.severity,
          occurred: new Date(t.updatedAt).toISOString(),
          rawJSON: JSON.stringify(t),
          dbotMirrorId: t.id,
          dbotMirrorDirection: direction,
          dbotMirrorInstance: demisto.integrationInstance(),
          dbotMirrorTags: ['comment'],
        })),
      );
    },
    'get-remote-data': (demisto) => {
      const args = new GetRemoteDataArgs(demisto.args());
      spend(desk, demisto, `get ${args.remoteIncidentId}`);
      const t = desk.tickets.get(args.remoteIncidentId);
      if (!t) return `Ticket ${args.remoteIncidentId} was not found.`;
      const since = Date.parse(args.lastUpdate);
      const entries: Json[] = t.comments
        .filter((c) => c.at > since)
        .map((c) => ({
          Type: 1,
          Contents: c.body,
          ContentsFormat: 'text',
          Tags: ['comment-from-desk'],
          Note: true,
        }));
      if (t.status === 'closed' && t.updatedAt > since) {
        entries.push({
          Type: 1,
          Contents: { dbotIncidentClose: true, closeReason: t.closeReason, closeNotes: '' },
          ContentsFormat: 'json',
        });
      }
      return new GetRemoteDataResponse({ id: t.id, name: t.title, severity: t.severity }, entries);
    },
    'update-remote-system': (demisto) => {
      const args = new UpdateRemoteSystemArgs(demisto.args());
      spend(desk, demisto, `update ${args.remoteIncidentId ?? ''}`);
      let id = args.remoteIncidentId ?? '';
      if (!id) id = desk.create(String(args.data?.name ?? 'from XSOAR')).id;
      const delta = args.delta ?? {};
      if (args.incidentChanged && typeof delta.name === 'string') desk.update(id, { title: delta.name });
      if (args.incidentChanged && args.incStatus === 2)
        desk.update(id, { status: 'closed', closeReason: String(delta.closeReason ?? '') });
      for (const e of args.entries ?? [])
        desk.comment(id, `${String(e.contents)} (Mirrored from Cortex XSOAR)`);
      return id;
    },
  };
  if (!options.withoutGetModified) {
    commands['get-modified-remote-data'] = (demisto) => {
      const args = new GetModifiedRemoteDataArgs(demisto.args());
      spend(desk, demisto, 'modified');
      const since = Date.parse(args.lastUpdate);
      if (Number.isNaN(since)) throw new NotImplementedError(`cannot read lastUpdate ${args.lastUpdate}`);
      const ids = [...desk.tickets.values()].filter((t) => t.updatedAt >= since).map((t) => t.id);
      return new GetModifiedRemoteDataResponse(ids);
    };
  }
  return defineIntegration({ commands });
}
