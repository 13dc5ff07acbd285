/**
 * The bad HTTP inputs of the corpus, built per server from a few families: bodies past the JSON
 * limits or malformed, missing/wrong credentials, malformed percent-encoding, foreign Host
 * headers, prototype names, partial writes, admin calls without the token or JSON, bad attachment
 * types, huge headers. Expected answers live in http-expected.ts, by case name.
 */
import { GOOD_HEADERS, KEYS, SN_ID, type ServerName } from './servers.ts';

export interface HttpCase {
  name: string;
  server: ServerName;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const nestedObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/** Endpoints that read a JSON body. */
const JSON_ENDPOINTS: Record<ServerName, [string, string][]> = {
  xsoar: [
    ['POST', '/incident'],
    ['POST', '/incidents/search'],
    ['POST', '/investigation/1'],
    ['POST', '/entry'],
    ['POST', '/entry/note'],
    ['POST', '/entry/execute/sync'],
    ['POST', '/incident/close'],
    ['POST', '/incident/batchClose'],
    ['POST', '/incident/reopen'],
    ['POST', '/control/advance'],
  ],
  helpdesk: [
    ['POST', '/api/v1/tickets'],
    ['PATCH', '/api/v1/tickets/T-1'],
    ['POST', '/api/v1/tickets/T-1/close'],
    ['POST', '/api/v1/tickets/T-1/comments'],
    ['POST', '/api/v1/tickets/T-1/attachments'],
    ['POST', '/admin/faults'],
    ['POST', '/admin/seed'],
    ['POST', '/admin/restore'],
    ['PUT', '/admin/rate-limit'],
  ],
  servicenow: [
    ['POST', '/api/now/table/incident'],
    ['PATCH', `/api/now/table/incident/${SN_ID}`],
    ['PUT', `/api/now/table/incident/${SN_ID}`],
    ['POST', '/admin/faults'],
    ['POST', '/admin/seed'],
    ['POST', '/admin/restore'],
    ['PUT', '/admin/rate-limit'],
  ],
};

const SERVERS: ServerName[] = ['xsoar', 'helpdesk', 'servicenow'];

function jsonBodyCases(): HttpCase[] {
  const bodies: [string, string][] = [
    ['65 nested arrays', nested(65)],
    ['6000 nested objects', nestedObject(6000)],
    ['malformed JSON', '{"name": '],
  ];
  return SERVERS.flatMap((server) =>
    JSON_ENDPOINTS[server].flatMap(([method, path]) =>
      bodies.map(([what, body]) => ({
        name: `${server} ${method} ${path}: ${what}`,
        server,
        method,
        path,
        headers: GOOD_HEADERS[server],
        body,
      })),
    ),
  );
}

function oversizedBodyCases(): HttpCase[] {
  const big = JSON.stringify({ name: 'x'.repeat(5 * 1024 * 1024) });
  return [
    { server: 'xsoar' as const, method: 'POST', path: '/incident' },
    { server: 'helpdesk' as const, method: 'POST', path: '/api/v1/tickets' },
    { server: 'servicenow' as const, method: 'POST', path: '/api/now/table/incident' },
  ].map((c) => ({
    ...c,
    name: `${c.server} ${c.method} ${c.path}: body over 5 MB`,
    headers: GOOD_HEADERS[c.server],
    body: big,
  }));
}

/** The fake XSOAR must refuse an anonymous client before it reads (and parses) any body. */
function authBeforeBodyCases(): HttpCase[] {
  const { authorization: _drop, ...anonymous } = GOOD_HEADERS.xsoar;
  return [
    ['malformed JSON', '{"name": '],
    ['6000 nested objects', nestedObject(6000)],
  ].map(([what, body]) => ({
    name: `xsoar POST /incident: no credentials and ${what}`,
    server: 'xsoar' as const,
    method: 'POST',
    path: '/incident',
    headers: anonymous,
    body: body!,
  }));
}

function authCases(): HttpCase[] {
  const routes: Record<ServerName, [string, string, string?][]> = {
    xsoar: [
      ['POST', '/incident', '{"name":"x"}'],
      ['GET', '/incident/load/1'],
      ['POST', '/incidents/search', '{}'],
      ['POST', '/entry/note', '{"id":"1","data":"n"}'],
      ['POST', '/control/advance', '{"by":"1m"}'],
    ],
    helpdesk: [
      ['POST', '/api/v1/tickets', '{"title":"x"}'],
      ['GET', '/api/v1/tickets'],
      ['PATCH', '/api/v1/tickets/T-1', '{"title":"y"}'],
      ['POST', '/api/v1/tickets/T-1/comments', '{"body":"c"}'],
      ['DELETE', '/api/v1/tickets/T-1'],
    ],
    servicenow: [
      ['POST', '/api/now/table/incident', '{"short_description":"x"}'],
      ['GET', '/api/now/table/incident'],
      ['PATCH', `/api/now/table/incident/${SN_ID}`, '{"short_description":"y"}'],
      ['DELETE', `/api/now/table/incident/${SN_ID}`],
    ],
  };
  const wrong: Record<ServerName, string> = {
    xsoar: 'not-the-key',
    helpdesk: 'Bearer not-the-key',
    servicenow: `Basic ${Buffer.from('admin:wrong').toString('base64')}`,
  };
  return SERVERS.flatMap((server) =>
    routes[server].flatMap(([method, path, body]) => {
      const { authorization: _drop, ...rest } = GOOD_HEADERS[server];
      return [
        {
          name: `${server} ${method} ${path}: no credentials`,
          server,
          method,
          path,
          headers: rest,
          ...(body ? { body } : {}),
        },
        {
          name: `${server} ${method} ${path}: wrong credentials`,
          server,
          method,
          path,
          headers: { ...rest, authorization: wrong[server] },
          ...(body ? { body } : {}),
        },
      ];
    }),
  );
}

function percentCases(): HttpCase[] {
  const routes: [ServerName, string, string, string?][] = [
    ['xsoar', 'GET', '/incident/load/%zz'],
    ['xsoar', 'GET', '/settings/integration/%E0%A4%A/fetch-history'],
    ['xsoar', 'POST', '/control/fetch/%zz', '{}'],
    ['helpdesk', 'GET', '/api/v1/tickets/%zz'],
    ['helpdesk', 'PATCH', '/api/v1/tickets/%E0%A4%A', '{"title":"y"}'],
    ['helpdesk', 'GET', '/api/v1/tickets/%zz/comments'],
    ['helpdesk', 'POST', '/api/v1/tickets/%/close', '{}'],
    ['servicenow', 'GET', '/api/now/table/incident/%zz'],
    ['servicenow', 'PATCH', '/api/now/table/incident/%E0%A4%A', '{"short_description":"y"}'],
    ['servicenow', 'DELETE', '/api/now/table/%zz/abc'],
    ['servicenow', 'GET', '/api/now/attachment/%zz'],
  ];
  return routes.map(([server, method, path, body]) => ({
    name: `${server} ${method} ${path}: malformed percent-encoding`,
    server,
    method,
    path,
    headers: GOOD_HEADERS[server],
    ...(body ? { body } : {}),
  }));
}

function hostCases(): HttpCase[] {
  const paths: Record<ServerName, string> = {
    xsoar: '/incident/load/1',
    helpdesk: '/api/v1/tickets',
    servicenow: '/api/now/table/incident',
  };
  return SERVERS.flatMap((server) =>
    ['evil.example:{port}', 'localhost:1', '10.0.0.1'].map((host) => ({
      name: `${server} GET ${paths[server]}: Host ${host}`,
      server,
      method: 'GET',
      path: paths[server],
      headers: { ...GOOD_HEADERS[server], host },
    })),
  );
}

function prototypeCases(): HttpCase[] {
  const tables = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Bad-Name'];
  return tables
    .flatMap((table): HttpCase[] => [
      {
        name: `servicenow GET table ${table}`,
        server: 'servicenow' as const,
        method: 'GET',
        path: `/api/now/table/${table}`,
        headers: GOOD_HEADERS.servicenow,
      },
      {
        name: `servicenow POST table ${table}`,
        server: 'servicenow' as const,
        method: 'POST',
        path: `/api/now/table/${table}`,
        headers: GOOD_HEADERS.servicenow,
        body: '{"short_description":"x"}',
      },
    ])
    .concat([
      {
        name: 'helpdesk GET ticket constructor',
        server: 'helpdesk',
        method: 'GET',
        path: '/api/v1/tickets/constructor',
        headers: GOOD_HEADERS.helpdesk,
      },
      {
        name: 'helpdesk PATCH ticket __proto__',
        server: 'helpdesk',
        method: 'PATCH',
        path: '/api/v1/tickets/__proto__',
        headers: GOOD_HEADERS.helpdesk,
        body: '{"title":"y"}',
      },
      {
        name: 'xsoar GET incident constructor',
        server: 'xsoar',
        method: 'GET',
        path: '/incident/load/constructor',
        headers: GOOD_HEADERS.xsoar,
      },
      {
        name: 'helpdesk POST /admin/seed: ticket id __proto__',
        server: 'helpdesk',
        method: 'POST',
        path: '/admin/seed',
        headers: GOOD_HEADERS.helpdesk,
        body: '{"tickets":[{"id":"__proto__","title":"x"}]}',
      },
      {
        name: 'helpdesk POST /admin/seed: ticket id constructor',
        server: 'helpdesk',
        method: 'POST',
        path: '/admin/seed',
        headers: GOOD_HEADERS.helpdesk,
        body: '{"tickets":[{"id":"constructor","title":"x"}]}',
      },
      {
        name: 'servicenow GET attachment toString',
        server: 'servicenow',
        method: 'GET',
        path: '/api/now/attachment/toString/file',
        headers: GOOD_HEADERS.servicenow,
      },
    ] satisfies HttpCase[]);
}

function partialWriteCases(): HttpCase[] {
  const body = JSON.stringify({
    short_description: 'changed',
    comments: 'a journal entry',
    impact: { nested: [1] },
  });
  return [
    ['POST', '/api/now/table/incident'],
    ['PATCH', `/api/now/table/incident/${SN_ID}`],
    ['PUT', `/api/now/table/incident/${SN_ID}`],
  ].map(([method, path]) => ({
    name: `servicenow ${method} ${path}: one invalid field among valid ones`,
    server: 'servicenow' as const,
    method: method!,
    path: path!,
    headers: GOOD_HEADERS.servicenow,
    body,
  }));
}

function adminCases(): HttpCase[] {
  return (['helpdesk', 'servicenow'] as const).flatMap((server) => {
    const { 'x-admin-token': _t, ...noToken } = GOOD_HEADERS[server];
    const body = '{"path":"/x","status":500}';
    return [
      {
        name: `${server} POST /admin/faults: no admin token`,
        server,
        method: 'POST',
        path: '/admin/faults',
        headers: noToken,
        body,
      },
      {
        name: `${server} POST /admin/reset: wrong admin token`,
        server,
        method: 'POST',
        path: '/admin/reset',
        headers: { ...noToken, 'x-admin-token': 'guess' },
      },
      {
        name: `${server} GET /admin/snapshot: no admin token`,
        server,
        method: 'GET',
        path: '/admin/snapshot',
        headers: noToken,
      },
      {
        name: `${server} POST /admin/faults: text/plain body`,
        server,
        method: 'POST',
        path: '/admin/faults',
        headers: { ...GOOD_HEADERS[server], 'content-type': 'text/plain' },
        body,
      },
    ];
  });
}

function attachmentCases(): HttpCase[] {
  return [
    {
      name: 'helpdesk POST attachment: content type with CR/LF',
      server: 'helpdesk',
      method: 'POST',
      path: '/api/v1/tickets/T-1/attachments',
      headers: GOOD_HEADERS.helpdesk,
      body: JSON.stringify({
        name: 'a.txt',
        content_type: 'text/plain\r\nX-Injected: 1',
        content_base64: 'aGk=',
      }),
    },
    {
      name: 'servicenow POST /attachment/file: content type that is no media type',
      server: 'servicenow',
      method: 'POST',
      path: `/api/now/attachment/file?table_name=incident&table_sys_id=${SN_ID}&file_name=a.txt`,
      headers: { ...GOOD_HEADERS.servicenow, 'content-type': 'not a type' },
      body: 'hi',
    },
  ];
}

function hugeHeaderCases(): HttpCase[] {
  return SERVERS.map((server) => ({
    name: `${server} GET /: 64 KB header`,
    server,
    method: 'GET',
    path: '/',
    headers: { ...GOOD_HEADERS[server], 'x-padding': 'a'.repeat(64 * 1024) },
  }));
}

export const HTTP_CASES: HttpCase[] = [
  ...jsonBodyCases(),
  ...oversizedBodyCases(),
  ...authCases(),
  ...authBeforeBodyCases(),
  ...percentCases(),
  ...hostCases(),
  ...prototypeCases(),
  ...partialWriteCases(),
  ...adminCases(),
  ...attachmentCases(),
  ...hugeHeaderCases(),
];

export { KEYS };
