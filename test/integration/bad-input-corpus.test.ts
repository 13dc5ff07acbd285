/**
 * The bad-input corpus of issue 12: HTTP requests to the three servers, scenario files and
 * integration behaviours. Each is refused with its exact status and message, and changes nothing
 * (a state snapshot of all three servers, no scenario loaded, no world change).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import { formatIssue, parseScenario } from '../../harness/scenario/load.ts';
import { HTTP_CASES } from '../corpus/http-cases.ts';
import { HTTP_EXPECTED } from '../corpus/http-expected.ts';
import { SCENARIO_CASES } from '../corpus/scenario-cases.ts';
import { SCENARIO_EXPECTED } from '../corpus/scenario-expected.ts';
import {
  errorMessage,
  GOOD_HEADERS,
  send,
  SN_ID,
  startCorpusServers,
  type CorpusServers,
} from '../corpus/servers.ts';

let servers: CorpusServers;
beforeAll(async () => {
  servers = await startCorpusServers();
});
afterAll(() => servers.close());

describe('bad HTTP inputs', () => {
  it('has an expected answer for every case, and no case twice', () => {
    const names = HTTP_CASES.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => !(n in HTTP_EXPECTED))).toEqual([]);
    expect(Object.keys(HTTP_EXPECTED).filter((n) => !names.includes(n))).toEqual([]);
  });

  it.each(HTTP_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const port = servers.listening[c.server].port;
    const withPort = (s: string) => s.replaceAll('{port}', String(port));
    const headers = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, withPort(v)]));
    const before = servers.snapshot();
    const response = await send(port, c.method, c.path, headers, c.body);
    const [status, message] = HTTP_EXPECTED[c.name]!;
    expect([response.status, errorMessage(c.server, response.body)]).toEqual([status, withPort(message)]);
    expect(servers.snapshot()).toBe(before);
  });

  it('renders sysparm_fields=constructor as an empty field, not a function', async () => {
    const port = servers.listening.servicenow.port;
    const response = await send(
      port,
      'GET',
      `/api/now/table/incident/${SN_ID}?sysparm_fields=constructor,toString,short_description`,
      GOOD_HEADERS.servicenow,
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      result: { constructor: '', toString: '', short_description: 'VPN down' },
    });
  });
});

describe('bad scenario files', () => {
  it.each(SCENARIO_CASES)('%s', (name, text) => {
    const result = parseScenario(text, { file: '/tmp/corpus/case.yaml', displayPath: 'case.yaml' });
    expect(result.scenario).toBeUndefined();
    expect(result.issues.map(formatIssue)).toEqual(SCENARIO_EXPECTED[name]);
  });
});

describe('bad integration behaviours', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness({
      server: { commandTimeoutMs: 1000 },
      instances: {
        out: {
          integration: join(import.meta.dirname, '..', 'fixtures', 'python', 'outcomes.py'),
          flags: {}, // a .py without its YAML: no script flags needed for War Room commands
        },
      },
    });
  });
  afterAll(() => harness.close());

  it.each([
    ['raise', 'exception', 'RuntimeError: boom from the integration'],
    [
      'crash',
      'crash',
      'python: worker exited (exit code 7) before finishing the command. stderr: fatal: the integration aborted',
    ],
    [
      'garbage',
      'crash',
      'python: failed to read a protocol message: not JSON: "this is not json". Something wrote to fd 3, the harness\'s protocol pipe.',
    ],
    ['exit-two', 'exception', 'SystemExit: 2'],
    ['exit-string', 'exception', 'SystemExit: Restarting container'],
    ['hang', 'timeout', 'python: command hang timed out after 1000 ms; the worker was killed.'],
    ['nan-last-run', 'exception', 'ValueError: Out of range float values are not JSON compliant'],
    ['datetime-last-run', 'exception', 'TypeError: Object of type datetime is not JSON serializable'],
  ])('%s ends as %s and changes nothing', async (command, outcome, firstLine) => {
    const before = JSON.stringify(harness.world());
    const result = await harness.runCommand('out', command);
    expect([result.outcome, result.error?.split('\n')[0]]).toEqual([outcome, firstLine]);
    expect(JSON.stringify(harness.world())).toBe(before);
  });
});
