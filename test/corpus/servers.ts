/**
 * The three servers of the bad-input corpus, on real loopback ports: the fake XSOAR (with control
 * API) over a harness with one incident, the helpdesk with two tickets, ServiceNow with two
 * incidents. A raw HTTP sender, because the corpus sends what fetch refuses to (a foreign Host,
 * 64 KB headers).
 */
import { request } from 'node:http';
import { createHarness, type Harness } from '../../harness/index.ts';
import { listen, type Listening } from '../../mocks/shared/index.ts';
import { createHelpdesk, type Helpdesk } from '../../mocks/ticketing/helpdesk/index.ts';
import { createServicenow, type Servicenow } from '../../mocks/ticketing/servicenow/index.ts';
import { createXsoarApp } from '../../mocks/xsoar/index.ts';

export type ServerName = 'xsoar' | 'helpdesk' | 'servicenow';

export const KEYS = {
  xsoar: 'xsoar-corpus-key',
  helpdesk: 'helpdesk-corpus-key',
  helpdeskAdmin: 'helpdesk-corpus-admin',
  servicenowPassword: 'servicenow-corpus-password',
  servicenowAdmin: 'servicenow-corpus-admin',
} as const;

export const SN_ID = 'a'.repeat(32);

/** The headers a well-behaved client of each server sends. */
export const GOOD_HEADERS: Record<ServerName, Record<string, string>> = {
  xsoar: { authorization: KEYS.xsoar, 'content-type': 'application/json' },
  helpdesk: {
    authorization: `Bearer ${KEYS.helpdesk}`,
    'x-admin-token': KEYS.helpdeskAdmin,
    'content-type': 'application/json',
  },
  servicenow: {
    authorization: `Basic ${Buffer.from(`admin:${KEYS.servicenowPassword}`).toString('base64')}`,
    'x-admin-token': KEYS.servicenowAdmin,
    'content-type': 'application/json',
  },
};

export interface CorpusServers {
  harness: Harness;
  helpdesk: Helpdesk;
  servicenow: Servicenow;
  listening: Record<ServerName, Listening>;
  /** Everything a bad request must leave unchanged. */
  snapshot(): string;
  close(): Promise<void>;
}

export async function startCorpusServers(): Promise<CorpusServers> {
  const clock = { now: () => Date.parse('2026-03-01T08:00:00.000Z') };
  const harness = await createHarness({ start: clock.now() });
  await harness.incidents.create({ name: 'existing incident' });
  const helpdesk = await createHelpdesk({
    clock,
    apiKey: KEYS.helpdesk,
    adminToken: KEYS.helpdeskAdmin,
    tickets: [{ title: 'Phishing mail', severity: 'high' }, { title: 'Malware on WS-1' }],
  });
  const servicenow = await createServicenow({
    clock,
    password: KEYS.servicenowPassword,
    adminToken: KEYS.servicenowAdmin,
    tickets: [
      { sys_id: SN_ID, short_description: 'VPN down', opened_at: '2026-01-01 09:00:00', impact: '1' },
      { sys_id: 'b'.repeat(32), short_description: 'Mail slow', opened_at: '2026-01-01 09:30:00' },
    ],
  });
  const listening = {
    xsoar: await listen(createXsoarApp({ harness, apiKey: KEYS.xsoar, control: true })),
    helpdesk: await listen(helpdesk.app()),
    servicenow: await listen(servicenow.app()),
  };
  return {
    harness,
    helpdesk,
    servicenow,
    listening,
    snapshot: () =>
      JSON.stringify({
        xsoar: { world: harness.world(), now: harness.now() },
        helpdesk: helpdesk.snapshot(),
        servicenow: servicenow.snapshot(),
      }),
    async close() {
      await Promise.all(Object.values(listening).map((l) => l.close()));
      await harness.close();
    },
  };
}

export interface RawResponse {
  status: number;
  body: string;
}

/** One HTTP request exactly as given (any Host, any header size); resolves with what came back. */
export function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers, setHost: !('host' in headers) },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** The message a client shows from each server's error body. */
export function errorMessage(server: ServerName, body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `<not JSON: ${body.slice(0, 80)}>`;
  }
  const b = parsed as { detail?: string; error?: { message?: string; detail?: string } };
  if (server === 'xsoar' && b.detail !== undefined) return b.detail;
  if (server === 'servicenow' && b.error)
    return b.error.detail === undefined ? String(b.error.message) : `${b.error.message} | ${b.error.detail}`;
  return b.error?.message ?? JSON.stringify(parsed);
}
