/**
 * The server side of an integration's blocking `demisto.*` calls during one command: answered from
 * the RunRequest's state snapshot; writes are recorded (last write wins) for the engine to commit.
 */
import type { InstanceState, Json, RunRequest } from '../../core/index.ts';

export type CallAnswer = { ok: true; result: Json } | { ok: false; error: string };

export interface CallSession {
  answer(method: string, args: Json[]): CallAnswer;
  writes: Partial<InstanceState>;
}

const ok = (result: Json | undefined): CallAnswer => ({ ok: true, result: result ?? null });
const fail = (error: string): CallAnswer => ({ ok: false, error });

/** Server commands an integration may run that a fake server has no business faking. */
const UNSUPPORTED_HINT = 'mirrorlab does not implement it for integrations';

export function createCallSession(request: RunRequest, demistoUrls: Record<string, string>): CallSession {
  // No copies: the request's state is the world's, which nothing changes in place; a written value
  // was parsed from the worker's message just now and is held only here; and every answer goes
  // straight to JSON on the pipe. Copying the three on every command (structuredClone) was a tenth
  // of a warm command's time, and all of a big integration context's (issue 16).
  const writes: Partial<InstanceState> = {};
  let lastRun = request.state.lastRun;
  let lastMirrorRun = request.state.lastMirrorRun;
  let integrationContext = request.state.integrationContext;

  function setContext(value: Json, version: Json | undefined): CallAnswer {
    // -1 (or the real server's "no version" object) means an unconditional write.
    const wanted = typeof version === 'number' ? version : -1;
    if (wanted !== -1 && wanted !== integrationContext.version) {
      return fail(
        `integration context version conflict: given version ${wanted}, current version ${integrationContext.version}`,
      );
    }
    integrationContext = { context: value, version: integrationContext.version + 1 };
    writes.integrationContext = integrationContext;
    return ok(null);
  }

  const handlers: Record<string, (args: Json[]) => CallAnswer> = {
    getLastRun: () => ok(lastRun ?? {}),
    setLastRun: ([value]) => {
      lastRun = value ?? null;
      writes.lastRun = lastRun;
      return ok(null);
    },
    getLastMirrorRun: () => ok(lastMirrorRun),
    setLastMirrorRun: ([value]) => {
      lastMirrorRun = value ?? null;
      writes.lastMirrorRun = lastMirrorRun;
      return ok(null);
    },
    // Assets fetch state is not part of InstanceState: accepted and forgotten.
    getAssetsLastRun: () => ok({}),
    setAssetsLastRun: () => ok(null),
    getIntegrationContext: () => ok(integrationContext.context),
    setIntegrationContext: ([value]) => setContext(value ?? {}, -1),
    getIntegrationContextVersioned: () =>
      ok({ context: integrationContext.context, version: integrationContext.version }),
    setIntegrationContextVersioned: ([value, version]) => setContext(value ?? {}, version),
    demistoVersion: () => ok({ ...request.version }),
    demistoUrls: () => ok({ ...demistoUrls }),
    getLicenseID: () => ok('mirrorlab-license'),
    getLicenseCustomField: () => ok(null),
    getIndexHash: () => ok(''),
    getFilePath: ([id]) => {
      const file = request.files?.[String(id)];
      if (!file) return fail(`getFilePath: no file with entry id ${String(id)} in this investigation`);
      return ok({ id: String(id), path: file.path, name: file.name });
    },
    getModules: () => ok({}),
    getAllSupportedCommands: () => ok({}),
    searchIndicators: () => ok({ iocs: [], total: 0, searchAfter: null }),
    searchRelationships: () => ok({ data: [] }),
    internalHttpRequest: ([method, uri]) =>
      ok({
        statusCode: 404,
        status: '404 Not Found',
        body: JSON.stringify({ error: `mirrorlab: no internal API at ${String(method)} ${String(uri)}` }),
        headers: {},
      }),
    executeCommand: ([name]) =>
      fail(`executeCommand: unsupported server command "${String(name)}": ${UNSUPPORTED_HINT}`),
  };

  return {
    writes,
    answer(method, args) {
      const handler = handlers[method];
      if (!handler) return fail(`${method}: unsupported demisto call: ${UNSUPPORTED_HINT}`);
      return handler(args);
    },
  };
}
