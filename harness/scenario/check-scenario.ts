/**
 * The checks a schema cannot express because they need the whole file in view: every step has
 * exactly one verb, names refer to declared instances and remotes, integration files and saved
 * state exist. Each problem comes back with its path so the loader can point at the line.
 */
import { resolve } from 'node:path';
import { BUILTIN_INTEGRATIONS, BUILTIN_PREFIX, isBuiltin } from '../builtins.ts';
import {
  BUILTIN_KINDS as BUILTIN_REMOTE_KINDS,
  findRemoteKind,
  STANDARD_ACTIONS,
  type RemoteKind,
  type RemoteVerb,
} from '../../mocks/registry/index.ts';
import {
  COMMON_REMOTE_SETTINGS,
  isModuleKind,
  REMOTE_ACTIONS,
  STEP_VERBS,
  XSOAR_ACTIONS,
  type ExpectStep,
  type RemoteAction,
  type ScenarioFile,
} from './schema.ts';
import { mixedOperatorPatterns, OPERATORS, unknownOperators } from './match.ts';
import { hint } from './suggest.ts';
import type { PathIssue } from './zod-issues.ts';

export interface CheckContext {
  /** Directory of the scenario file: integration paths and `from` are relative to it. */
  dir: string;
  exists(path: string): boolean;
}

/**
 * A remote's name becomes a file name (`--save-state DIR/<slug>/<remote>.json`, `from:`), so it
 * must not be able to climb out of that directory (`../../x`).
 */
export const REMOTE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const presentKeys = (value: object): string[] =>
  Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);

export function checkScenario(scenario: ScenarioFile, ctx: CheckContext): PathIssue[] {
  const issues: PathIssue[] = [];
  const instances = Object.keys(scenario.instances ?? {});
  const remotes = Object.keys(scenario.remotes ?? {});
  const report = (path: PropertyKey[], message: string, key = false) => issues.push({ path, message, key });

  for (const name of remotes)
    if (!REMOTE_NAME.test(name))
      report(
        ['remotes', name],
        `remote name "${name}" is not allowed: use letters, digits, "_" and "-" (it names the remote's saved-state file)`,
        true,
      );

  const checkInstanceRef = (path: PropertyKey[], name: string, key = false) => {
    if (!instances.includes(name)) report(path, `unknown instance "${name}"${hint(name, instances)}`, key);
  };
  const checkRemoteRef = (path: PropertyKey[], name: string, key = false) => {
    if (!remotes.includes(name))
      report(
        path,
        `unknown remote "${name}"${remotes.length ? hint(name, remotes) : '; declare it under remotes:'}`,
        key,
      );
  };
  /** The remote an expectation means: named, or the only one declared. */
  const checkOptionalRemote = (path: PropertyKey[], name: string | undefined) => {
    if (name !== undefined) checkRemoteRef([...path, 'remote'], name);
    else if (remotes.length !== 1)
      report(
        path,
        `name the remote (remote: …): the scenario declares ${remotes.length === 0 ? 'no remotes' : `${remotes.length} remotes (${remotes.join(', ')})`}`,
        true,
      );
  };

  // Each built-in kind takes the common settings and its descriptor's own; a key another kind
  // takes gets named as that kind's, anything else a "did you mean".
  const kindOf = (name: string): RemoteKind | undefined => {
    const kind = scenario.remotes?.[name]?.kind;
    return typeof kind === 'string' && !isModuleKind(kind) ? findRemoteKind(kind) : undefined;
  };
  for (const [name, remote] of Object.entries(scenario.remotes ?? {})) {
    const descriptor = kindOf(name);
    if (!descriptor) continue;
    const own = Object.keys(descriptor.settings.shape);
    const known = ['kind', ...COMMON_REMOTE_SETTINGS, ...own];
    for (const key of Object.keys(remote)) {
      if (known.includes(key)) continue;
      const owners = BUILTIN_REMOTE_KINDS.filter((k) => Object.hasOwn(k.settings.shape, key)).map(
        (k) => k.kind,
      );
      report(
        ['remotes', name, key],
        owners.length
          ? `"${key}" is a ${owners.join(' / ')} setting; ${/^[aeioux]/i.test(descriptor.kind) ? 'an' : 'a'} ${descriptor.kind} remote does not take it`
          : `unknown ${descriptor.kind} remote setting "${key}"${hint(key, known)}`,
        true,
      );
    }
  }

  /** A file the scenario names; `content:` paths are checked when the run knows the content root. */
  const checkFile = (path: PropertyKey[], file: string, what: string) => {
    if (isBuiltin(file)) {
      const names = Object.keys(BUILTIN_INTEGRATIONS).map((n) => BUILTIN_PREFIX + n);
      if (!names.includes(file))
        report(
          path,
          `unknown built-in integration "${file}" (built-ins: ${names.join(', ')})${hint(file, names)}`,
        );
      return;
    }
    if (file.startsWith('content:') || ctx.exists(resolve(ctx.dir, file))) return;
    report(path, `${what} file not found: ${file} (paths are relative to the scenario file)`);
  };

  for (const [name, instance] of Object.entries(scenario.instances ?? {})) {
    const base = ['instances', name];
    checkFile([...base, 'integration'], instance.integration, 'integration');
    if (instance.classifier !== undefined)
      checkFile([...base, 'classifier'], instance.classifier, 'classifier');
    for (const kind of ['incoming', 'outgoing'] as const) {
      const mapper = instance.mapper?.[kind];
      if (typeof mapper === 'string') checkFile([...base, 'mapper', kind], mapper, `${kind} mapper`);
    }
    if (instance.remote !== undefined) {
      const remote = typeof instance.remote === 'string' ? instance.remote : instance.remote.name;
      checkRemoteRef(
        typeof instance.remote === 'string' ? [...base, 'remote'] : [...base, 'remote', 'name'],
        remote,
      );
    }
  }

  if (scenario.from !== undefined && !ctx.exists(resolve(ctx.dir, scenario.from, 'xsoar.json'))) {
    report(
      ['from'],
      `saved state not found: ${scenario.from}/xsoar.json (write one with mirrorlab run --save-state DIR)`,
    );
  }

  let expectSteps = 0;
  scenario.steps.forEach((step, index) => {
    const path: PropertyKey[] = ['steps', index];
    const unique = presentKeys(step);
    if (unique.length === 0) {
      report(path, `empty step; write one of ${STEP_VERBS.join(', ')}`);
      return;
    }
    if (unique.length > 1) {
      report(
        path,
        `a step has exactly one verb; this one has ${unique.map((v) => `"${v}"`).join(' and ')}. Split it into ${unique.length} steps`,
      );
      return;
    }
    if (step.fetch !== undefined) checkInstanceRef([...path, 'fetch'], step.fetch);
    if (step.xsoar !== undefined) {
      checkPatterns([...path, 'xsoar'], step.xsoar, report);
      const actions = presentKeys(step.xsoar);
      if (actions.length !== 1) {
        report(
          [...path, 'xsoar'],
          `an xsoar step has exactly one action (${XSOAR_ACTIONS.join(', ')}); found ${actions.length ? actions.join(', ') : 'none'}`,
        );
      }
      for (const action of actions) {
        const value = (
          step.xsoar as Record<string, { incident?: unknown; where?: unknown; instance?: string }>
        )[action]!;
        if (action === 'command') {
          if (value.instance !== undefined)
            checkInstanceRef([...path, 'xsoar', 'command', 'instance'], value.instance);
        } else checkSelector([...path, 'xsoar', action], value, report);
        if ((action === 'note' || action === 'entry') && value) {
          const entry = value as { contents?: unknown; file?: unknown };
          if (entry.contents === undefined && entry.file === undefined)
            report([...path, 'xsoar', action], `a ${action} needs contents: … (or file: { name, content })`);
        }
      }
    }
    if (step.remote !== undefined) {
      for (const [remote, actionOrList] of Object.entries(step.remote)) {
        checkRemoteRef([...path, 'remote', remote], remote, true);
        const list = Array.isArray(actionOrList) ? actionOrList : [actionOrList];
        list.forEach((action, i) => {
          const actionPath = Array.isArray(actionOrList)
            ? [...path, 'remote', remote, i]
            : [...path, 'remote', remote];
          checkRemoteAction(actionPath, action, report, kindOf(remote));
        });
      }
    }
    if (step.fault !== undefined) {
      if ('remote' in step.fault && typeof step.fault.remote === 'string')
        checkRemoteRef([...path, 'fault', 'remote'], step.fault.remote);
      else
        for (const remote of Object.keys(step.fault))
          checkRemoteRef([...path, 'fault', remote], remote, true);
    }
    if (step.expect !== undefined) {
      expectSteps++;
      checkExpect([...path, 'expect'], step.expect, { report, checkInstanceRef, checkOptionalRemote });
    }
  });
  if (scenario.expectFailure !== undefined && expectSteps === 0) {
    report(['expectFailure'], 'expectFailure needs at least one expect step that is meant to fail', true);
  }
  return issues;
}

type Report = (path: PropertyKey[], message: string, key?: boolean) => void;

/** Operators in patterns: known ones only, and never mixed with field names in one object. */
function checkPatterns(path: PropertyKey[], value: unknown, report: Report): void {
  for (const bad of unknownOperators(value, path))
    report(bad.path, `unknown operator "${bad.operator}"${hint(bad.operator, OPERATORS)}`, true);
  for (const mixed of mixedOperatorPatterns(value, path))
    report(
      mixed.path,
      `a pattern mixes operators (${mixed.operators.join(', ')}) with field names (${mixed.fields.join(', ')}): the operators would be read as field names; put each operator on the field it tests, e.g. ${mixed.fields[0]}: { ${mixed.operators[0]}: … }`,
    );
}

function checkSelector(
  path: PropertyKey[],
  value: { incident?: unknown; where?: unknown },
  report: Report,
): void {
  const has = [value.incident !== undefined, value.where !== undefined].filter(Boolean).length;
  if (has !== 1)
    report(path, `name the incident with exactly one of incident: <id> or where: { field: value }`);
}

/** The keys an action object may have, from its schema (a zod object's shape). */
function keysOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function checkRemoteAction(
  path: PropertyKey[],
  action: RemoteAction,
  report: Report,
  descriptor: RemoteKind | undefined,
): void {
  const keys = presentKeys(action);
  const actions = REMOTE_ACTIONS.filter((a) => keys.includes(a));
  if (actions.length !== 1) {
    report(
      path,
      `a remote action has exactly one of ${REMOTE_ACTIONS.join(', ')}; found ${actions.length ? actions.join(', ') : 'none'}`,
    );
    return;
  }
  const verb = actions[0]!;
  if (verb === 'rateLimit') {
    for (const key of keys)
      if (key !== verb) report([...path, key], `"${key}" does not go with rateLimit`, true);
    return;
  }
  // A user's kind (a module path) is checked by its own descriptor when it runs.
  const schema = descriptor ? descriptor.actions[verb] : STANDARD_ACTIONS[verb as RemoteVerb];
  if (!schema) {
    report(
      [...path, verb],
      `${/^[aeioux]/i.test(descriptor?.kind ?? '') ? 'an' : 'a'} ${descriptor?.kind ?? ''} remote cannot ${verb}; it takes ${[...Object.keys(descriptor?.actions ?? {}), 'rateLimit'].join(', ')}`,
      true,
    );
    return;
  }
  const allowed = keysOf(schema).filter((k) => k !== verb);
  for (const key of keys) {
    if (key !== verb && !allowed.includes(key)) {
      report(
        [...path, key],
        `"${key}" does not go with ${verb}${allowed.length ? ` (it takes ${allowed.join(', ')})` : ''}`,
        true,
      );
    }
  }
  if (verb === 'update' && action.fields === undefined) report(path, 'update needs fields: { … }');
  if (verb === 'comment' && action.body === undefined) report(path, 'comment needs body: "…"');
}

function checkExpect(
  path: PropertyKey[],
  expect: ExpectStep,
  helpers: {
    report: Report;
    checkInstanceRef: (path: PropertyKey[], name: string, key?: boolean) => void;
    checkOptionalRemote: (path: PropertyKey[], name: string | undefined) => void;
  },
): void {
  const { report, checkInstanceRef, checkOptionalRemote } = helpers;
  checkPatterns(path, expect, report);
  if (presentKeys(expect).length === 0)
    report(
      path,
      'empty expect; write one of incidents, incident, entries, tickets, ticket, instance, fetchHistory, calls, stats, errors',
    );
  if (expect.incident) checkSelector([...path, 'incident'], expect.incident, report);
  if (expect.instance) checkInstanceRef([...path, 'instance', 'name'], expect.instance.name);
  if (expect.fetchHistory)
    checkInstanceRef([...path, 'fetchHistory', 'instance'], expect.fetchHistory.instance);
  if (expect.entries) checkSelector([...path, 'entries'], expect.entries, report);
  if (expect.tickets) checkOptionalRemote([...path, 'tickets'], expect.tickets.remote);
  if (expect.ticket) checkOptionalRemote([...path, 'ticket'], expect.ticket.remote);
  const calls =
    expect.calls === undefined
      ? []
      : Array.isArray(expect.calls)
        ? expect.calls.map((c, i) => ({ c, p: [...path, 'calls', i] }))
        : [
            ...(expect.calls.match ?? []).map((c, i) => ({ c, p: [...path, 'calls', 'match', i] })),
            ...(expect.calls.absent ?? []).map((c, i) => ({ c, p: [...path, 'calls', 'absent', i] })),
          ];
  for (const { c, p } of calls) {
    if (typeof c.instance === 'string') checkInstanceRef([...p, 'instance'], c.instance);
  }
}
