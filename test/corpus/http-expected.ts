/**
 * What each case of http-cases.ts must answer: [status, message] with the message as a client
 * shows it (errorMessage in servers.ts). `{port}` stands for the server's port.
 */
export const HTTP_EXPECTED: Record<string, [number, string]> = {
  'xsoar POST /incident: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incidents/search: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incidents/search: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incidents/search: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /investigation/1: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /investigation/1: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /investigation/1: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /entry: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /entry: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /entry: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /entry/note: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /entry/note: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /entry/note: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /entry/execute/sync: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /entry/execute/sync: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /entry/execute/sync: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident/close: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident/close: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident/close: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident/batchClose: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident/batchClose: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident/batchClose: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident/reopen: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident/reopen: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /incident/reopen: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /control/advance: 65 nested arrays': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /control/advance: 6000 nested objects': [
    400,
    'xsoar api: failed to read the request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'xsoar POST /control/advance: malformed JSON': [
    400,
    'xsoar api: failed to read the request body: malformed JSON (Unexpected end of JSON input). Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets: 65 nested arrays': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets: 6000 nested objects': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets: malformed JSON': [
    400,
    'helpdesk: failed to parse request body: Unexpected end of JSON input. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk PATCH /api/v1/tickets/T-1: 65 nested arrays': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk PATCH /api/v1/tickets/T-1: 6000 nested objects': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk PATCH /api/v1/tickets/T-1: malformed JSON': [
    400,
    'helpdesk: failed to parse request body: Unexpected end of JSON input. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets/T-1/close: 65 nested arrays': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets/T-1/close: 6000 nested objects': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets/T-1/close: malformed JSON': [
    400,
    'helpdesk: failed to parse request body: Unexpected end of JSON input. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets/T-1/comments: 65 nested arrays': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets/T-1/comments: 6000 nested objects': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets/T-1/comments: malformed JSON': [
    400,
    'helpdesk: failed to parse request body: Unexpected end of JSON input. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets/T-1/attachments: 65 nested arrays': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets/T-1/attachments: 6000 nested objects': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /api/v1/tickets/T-1/attachments: malformed JSON': [
    400,
    'helpdesk: failed to parse request body: Unexpected end of JSON input. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /admin/faults: 65 nested arrays': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /admin/faults: 6000 nested objects': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /admin/faults: malformed JSON': [
    400,
    'helpdesk: failed to parse request body: Unexpected end of JSON input. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /admin/seed: 65 nested arrays': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /admin/seed: 6000 nested objects': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /admin/seed: malformed JSON': [
    400,
    'helpdesk: failed to parse request body: Unexpected end of JSON input. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /admin/restore: 65 nested arrays': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /admin/restore: 6000 nested objects': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk POST /admin/restore: malformed JSON': [
    400,
    'helpdesk: failed to parse request body: Unexpected end of JSON input. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk PUT /admin/rate-limit: 65 nested arrays': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk PUT /admin/rate-limit: 6000 nested objects': [
    400,
    'helpdesk: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object with Content-Type: application/json.',
  ],
  'helpdesk PUT /admin/rate-limit: malformed JSON': [
    400,
    'helpdesk: failed to parse request body: Unexpected end of JSON input. Send a JSON object with Content-Type: application/json.',
  ],
  'servicenow POST /api/now/table/incident: 65 nested arrays': [
    400,
    'Exception while reading request | The payload is refused: the body nests objects/arrays deeper than the limit of 64 levels',
  ],
  'servicenow POST /api/now/table/incident: 6000 nested objects': [
    400,
    'Exception while reading request | The payload is refused: the body nests objects/arrays deeper than the limit of 64 levels',
  ],
  'servicenow POST /api/now/table/incident: malformed JSON': [
    400,
    'Exception while reading request | The payload is not valid JSON: Unexpected end of JSON input',
  ],
  'servicenow PATCH /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 65 nested arrays': [
    400,
    'Exception while reading request | The payload is refused: the body nests objects/arrays deeper than the limit of 64 levels',
  ],
  'servicenow PATCH /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 6000 nested objects': [
    400,
    'Exception while reading request | The payload is refused: the body nests objects/arrays deeper than the limit of 64 levels',
  ],
  'servicenow PATCH /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: malformed JSON': [
    400,
    'Exception while reading request | The payload is not valid JSON: Unexpected end of JSON input',
  ],
  'servicenow PUT /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 65 nested arrays': [
    400,
    'Exception while reading request | The payload is refused: the body nests objects/arrays deeper than the limit of 64 levels',
  ],
  'servicenow PUT /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 6000 nested objects': [
    400,
    'Exception while reading request | The payload is refused: the body nests objects/arrays deeper than the limit of 64 levels',
  ],
  'servicenow PUT /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: malformed JSON': [
    400,
    'Exception while reading request | The payload is not valid JSON: Unexpected end of JSON input',
  ],
  'servicenow POST /admin/faults: 65 nested arrays': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object.',
  ],
  'servicenow POST /admin/faults: 6000 nested objects': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object.',
  ],
  'servicenow POST /admin/faults: malformed JSON': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: Unexpected end of JSON input. Send a JSON object.',
  ],
  'servicenow POST /admin/seed: 65 nested arrays': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object.',
  ],
  'servicenow POST /admin/seed: 6000 nested objects': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object.',
  ],
  'servicenow POST /admin/seed: malformed JSON': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: Unexpected end of JSON input. Send a JSON object.',
  ],
  'servicenow POST /admin/restore: 65 nested arrays': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object.',
  ],
  'servicenow POST /admin/restore: 6000 nested objects': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object.',
  ],
  'servicenow POST /admin/restore: malformed JSON': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: Unexpected end of JSON input. Send a JSON object.',
  ],
  'servicenow PUT /admin/rate-limit: 65 nested arrays': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object.',
  ],
  'servicenow PUT /admin/rate-limit: 6000 nested objects': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: the body nests objects/arrays deeper than the limit of 64 levels. Send a JSON object.',
  ],
  'servicenow PUT /admin/rate-limit: malformed JSON': [
    400,
    'Invalid JSON | servicenow: failed to parse request body: Unexpected end of JSON input. Send a JSON object.',
  ],
  'xsoar POST /incident: body over 5 MB': [
    413,
    'xsoar api: failed to read the request body: it is too large. Send less than 5 MB.',
  ],
  'helpdesk POST /api/v1/tickets: body over 5 MB': [
    400,
    'helpdesk: failed to parse request body: the body is 5242891 bytes, over the limit of 5242880 bytes. Send a JSON object with Content-Type: application/json.',
  ],
  'servicenow POST /api/now/table/incident: body over 5 MB': [
    400,
    'Exception while reading request | The payload is refused: the body is 5242891 bytes, over the limit of 5242880 bytes',
  ],
  'xsoar POST /incident: no credentials': [
    401,
    'xsoar api: failed to authenticate: no Authorization header. Send the API key as the raw value of the Authorization header.',
  ],
  'xsoar POST /incident: wrong credentials': [
    401,
    'xsoar api: failed to authenticate: the API key is wrong. Use the key the server printed at start.',
  ],
  'xsoar GET /incident/load/1: no credentials': [
    401,
    'xsoar api: failed to authenticate: no Authorization header. Send the API key as the raw value of the Authorization header.',
  ],
  'xsoar GET /incident/load/1: wrong credentials': [
    401,
    'xsoar api: failed to authenticate: the API key is wrong. Use the key the server printed at start.',
  ],
  'xsoar POST /incidents/search: no credentials': [
    401,
    'xsoar api: failed to authenticate: no Authorization header. Send the API key as the raw value of the Authorization header.',
  ],
  'xsoar POST /incidents/search: wrong credentials': [
    401,
    'xsoar api: failed to authenticate: the API key is wrong. Use the key the server printed at start.',
  ],
  'xsoar POST /entry/note: no credentials': [
    401,
    'xsoar api: failed to authenticate: no Authorization header. Send the API key as the raw value of the Authorization header.',
  ],
  'xsoar POST /entry/note: wrong credentials': [
    401,
    'xsoar api: failed to authenticate: the API key is wrong. Use the key the server printed at start.',
  ],
  'xsoar POST /control/advance: no credentials': [
    401,
    'xsoar api: failed to authenticate: no Authorization header. Send the API key as the raw value of the Authorization header.',
  ],
  'xsoar POST /control/advance: wrong credentials': [
    401,
    'xsoar api: failed to authenticate: the API key is wrong. Use the key the server printed at start.',
  ],
  'helpdesk POST /api/v1/tickets: no credentials': [
    401,
    'authentication required: send the header "Authorization: Bearer <api key>"',
  ],
  'helpdesk POST /api/v1/tickets: wrong credentials': [
    401,
    'invalid api key: the key is not valid for this service',
  ],
  'helpdesk GET /api/v1/tickets: no credentials': [
    401,
    'authentication required: send the header "Authorization: Bearer <api key>"',
  ],
  'helpdesk GET /api/v1/tickets: wrong credentials': [
    401,
    'invalid api key: the key is not valid for this service',
  ],
  'helpdesk PATCH /api/v1/tickets/T-1: no credentials': [
    401,
    'authentication required: send the header "Authorization: Bearer <api key>"',
  ],
  'helpdesk PATCH /api/v1/tickets/T-1: wrong credentials': [
    401,
    'invalid api key: the key is not valid for this service',
  ],
  'helpdesk POST /api/v1/tickets/T-1/comments: no credentials': [
    401,
    'authentication required: send the header "Authorization: Bearer <api key>"',
  ],
  'helpdesk POST /api/v1/tickets/T-1/comments: wrong credentials': [
    401,
    'invalid api key: the key is not valid for this service',
  ],
  'helpdesk DELETE /api/v1/tickets/T-1: no credentials': [
    401,
    'authentication required: send the header "Authorization: Bearer <api key>"',
  ],
  'helpdesk DELETE /api/v1/tickets/T-1: wrong credentials': [
    401,
    'invalid api key: the key is not valid for this service',
  ],
  'servicenow POST /api/now/table/incident: no credentials': [
    401,
    'User Not Authenticated | Required to provide Auth information',
  ],
  'servicenow POST /api/now/table/incident: wrong credentials': [
    401,
    'User Not Authenticated | Required to provide Auth information',
  ],
  'servicenow GET /api/now/table/incident: no credentials': [
    401,
    'User Not Authenticated | Required to provide Auth information',
  ],
  'servicenow GET /api/now/table/incident: wrong credentials': [
    401,
    'User Not Authenticated | Required to provide Auth information',
  ],
  'servicenow PATCH /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: no credentials': [
    401,
    'User Not Authenticated | Required to provide Auth information',
  ],
  'servicenow PATCH /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: wrong credentials': [
    401,
    'User Not Authenticated | Required to provide Auth information',
  ],
  'servicenow DELETE /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: no credentials': [
    401,
    'User Not Authenticated | Required to provide Auth information',
  ],
  'servicenow DELETE /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: wrong credentials': [
    401,
    'User Not Authenticated | Required to provide Auth information',
  ],
  'xsoar POST /incident: no credentials and malformed JSON': [
    401,
    'xsoar api: failed to authenticate: no Authorization header. Send the API key as the raw value of the Authorization header.',
  ],
  'xsoar POST /incident: no credentials and 6000 nested objects': [
    401,
    'xsoar api: failed to authenticate: no Authorization header. Send the API key as the raw value of the Authorization header.',
  ],
  'xsoar GET /incident/load/%zz: malformed percent-encoding': [
    400,
    "xsoar api: failed to read the request path: Failed to decode param '%zz'. Encode ids with encodeURIComponent.",
  ],
  'xsoar GET /settings/integration/%E0%A4%A/fetch-history: malformed percent-encoding': [
    400,
    "xsoar api: failed to read the request path: Failed to decode param '%E0%A4%A'. Encode ids with encodeURIComponent.",
  ],
  'xsoar POST /control/fetch/%zz: malformed percent-encoding': [
    400,
    "xsoar api: failed to read the request path: Failed to decode param '%zz'. Encode ids with encodeURIComponent.",
  ],
  'helpdesk GET /api/v1/tickets/%zz: malformed percent-encoding': [
    400,
    'mock server: failed to read the request path: malformed percent-encoding. Encode ids with encodeURIComponent.',
  ],
  'helpdesk PATCH /api/v1/tickets/%E0%A4%A: malformed percent-encoding': [
    400,
    'mock server: failed to read the request path: malformed percent-encoding. Encode ids with encodeURIComponent.',
  ],
  'helpdesk GET /api/v1/tickets/%zz/comments: malformed percent-encoding': [
    400,
    'mock server: failed to read the request path: malformed percent-encoding. Encode ids with encodeURIComponent.',
  ],
  'helpdesk POST /api/v1/tickets/%/close: malformed percent-encoding': [
    400,
    'mock server: failed to read the request path: malformed percent-encoding. Encode ids with encodeURIComponent.',
  ],
  'servicenow GET /api/now/table/incident/%zz: malformed percent-encoding': [
    400,
    'invalid_request | mock server: failed to read the request path: malformed percent-encoding. Encode ids with encodeURIComponent.',
  ],
  'servicenow PATCH /api/now/table/incident/%E0%A4%A: malformed percent-encoding': [
    400,
    'invalid_request | mock server: failed to read the request path: malformed percent-encoding. Encode ids with encodeURIComponent.',
  ],
  'servicenow DELETE /api/now/table/%zz/abc: malformed percent-encoding': [
    400,
    'invalid_request | mock server: failed to read the request path: malformed percent-encoding. Encode ids with encodeURIComponent.',
  ],
  'servicenow GET /api/now/attachment/%zz: malformed percent-encoding': [
    400,
    'invalid_request | mock server: failed to read the request path: malformed percent-encoding. Encode ids with encodeURIComponent.',
  ],
  'xsoar GET /incident/load/1: Host evil.example:{port}': [
    403,
    'xsoar api: failed to accept the request: Host "evil.example:{port}" is not this server (use localhost, 127.0.0.1, [::1]).',
  ],
  'xsoar GET /incident/load/1: Host localhost:1': [
    403,
    'xsoar api: failed to accept the request: Host "localhost:1" names port 1, not {port}.',
  ],
  'xsoar GET /incident/load/1: Host 10.0.0.1': [
    403,
    'xsoar api: failed to accept the request: Host "10.0.0.1" is not this server (use localhost, 127.0.0.1, [::1]).',
  ],
  'helpdesk GET /api/v1/tickets: Host evil.example:{port}': [
    403,
    'mock server: failed to accept the request: Host "evil.example:{port}" is not this server (use localhost, 127.0.0.1, [::1]).',
  ],
  'helpdesk GET /api/v1/tickets: Host localhost:1': [
    403,
    'mock server: failed to accept the request: Host "localhost:1" names port 1, not {port}.',
  ],
  'helpdesk GET /api/v1/tickets: Host 10.0.0.1': [
    403,
    'mock server: failed to accept the request: Host "10.0.0.1" is not this server (use localhost, 127.0.0.1, [::1]).',
  ],
  'servicenow GET /api/now/table/incident: Host evil.example:{port}': [
    403,
    'forbidden_host | mock server: failed to accept the request: Host "evil.example:{port}" is not this server (use localhost, 127.0.0.1, [::1]).',
  ],
  'servicenow GET /api/now/table/incident: Host localhost:1': [
    403,
    'forbidden_host | mock server: failed to accept the request: Host "localhost:1" names port 1, not {port}.',
  ],
  'servicenow GET /api/now/table/incident: Host 10.0.0.1': [
    403,
    'forbidden_host | mock server: failed to accept the request: Host "10.0.0.1" is not this server (use localhost, 127.0.0.1, [::1]).',
  ],
  'servicenow GET table __proto__': [
    400,
    'Invalid table __proto__ | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'servicenow POST table __proto__': [
    400,
    'Invalid table __proto__ | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'servicenow GET table constructor': [
    400,
    'Invalid table constructor | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'servicenow POST table constructor': [
    400,
    'Invalid table constructor | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'servicenow GET table toString': [
    400,
    'Invalid table toString | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'servicenow POST table toString': [
    400,
    'Invalid table toString | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'servicenow GET table hasOwnProperty': [
    400,
    'Invalid table hasOwnProperty | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'servicenow POST table hasOwnProperty': [
    400,
    'Invalid table hasOwnProperty | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'servicenow GET table Bad-Name': [
    400,
    'Invalid table Bad-Name | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'servicenow POST table Bad-Name': [
    400,
    'Invalid table Bad-Name | servicenow: failed to find the table: not a table name. Table names are lower-case letters, digits and "_".',
  ],
  'helpdesk GET ticket constructor': [
    404,
    'helpdesk: failed to find ticket constructor: no such ticket. List tickets with GET /api/v1/tickets.',
  ],
  'helpdesk PATCH ticket __proto__': [
    404,
    'helpdesk: failed to find ticket __proto__: no such ticket. List tickets with GET /api/v1/tickets.',
  ],
  'xsoar GET incident constructor': [
    404,
    'xsoar api: failed to find incident "constructor": no such incident. Search with POST /incidents/search.',
  ],
  'helpdesk POST /admin/seed: ticket id __proto__': [
    400,
    'helpdesk: failed to create ticket: "id" must be 1-64 letters, digits, ".", "_" or "-". Example: { "title": "Phishing mail", "severity": "high" }.',
  ],
  'helpdesk POST /admin/seed: ticket id constructor': [
    400,
    'helpdesk: failed to create ticket: id "constructor" is reserved. Use an id like T-100.',
  ],
  'servicenow GET attachment toString': [
    404,
    "No Record found | Record doesn't exist or ACL restricts the record retrieval",
  ],
  'servicenow POST /api/now/table/incident: one invalid field among valid ones': [
    400,
    'Invalid value | field "impact": expected a string, number or boolean (or {"value": …}), got {"nested":[1]}',
  ],
  'servicenow PATCH /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: one invalid field among valid ones':
    [
      400,
      'Invalid value | field "impact": expected a string, number or boolean (or {"value": …}), got {"nested":[1]}',
    ],
  'servicenow PUT /api/now/table/incident/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: one invalid field among valid ones':
    [
      400,
      'Invalid value | field "impact": expected a string, number or boolean (or {"value": …}), got {"nested":[1]}',
    ],
  'helpdesk POST /admin/faults: no admin token': [
    401,
    'admin api: failed to authenticate: no X-Admin-Token header. Send the admin token the fake printed at start.',
  ],
  'helpdesk POST /admin/reset: wrong admin token': [
    401,
    'admin api: failed to authenticate: the admin token is wrong. Use the one the fake printed at start.',
  ],
  'helpdesk GET /admin/snapshot: no admin token': [
    401,
    'admin api: failed to authenticate: no X-Admin-Token header. Send the admin token the fake printed at start.',
  ],
  'helpdesk POST /admin/faults: text/plain body': [
    415,
    'admin api: failed to read the request body: Content-Type is "text/plain", not application/json. Send JSON.',
  ],
  'servicenow POST /admin/faults: no admin token': [
    401,
    'admin_unauthorized | admin api: failed to authenticate: no X-Admin-Token header. Send the admin token the fake printed at start.',
  ],
  'servicenow POST /admin/reset: wrong admin token': [
    401,
    'admin_unauthorized | admin api: failed to authenticate: the admin token is wrong. Use the one the fake printed at start.',
  ],
  'servicenow GET /admin/snapshot: no admin token': [
    401,
    'admin_unauthorized | admin api: failed to authenticate: no X-Admin-Token header. Send the admin token the fake printed at start.',
  ],
  'servicenow POST /admin/faults: text/plain body': [
    415,
    'unsupported_media_type | admin api: failed to read the request body: Content-Type is "text/plain", not application/json. Send JSON.',
  ],
  'helpdesk POST attachment: content type with CR/LF': [
    400,
    'helpdesk: failed to upload attachment: "content_type" is not a media type such as text/plain (printable ASCII, no line breaks). Example: { "name": "mail.eml", "content_type": "message/rfc822", "content_base64": "SGVsbG8=" }.',
  ],
  'servicenow POST /attachment/file: content type that is no media type': [
    400,
    'Failed to create the attachment | servicenow: failed to store the attachment: content type "not a type" is not a valid media type. Send e.g. text/plain.',
  ],
  'xsoar GET /: 64 KB header': [431, 'server: failed to read the request: Request Header Fields Too Large.'],
  'helpdesk GET /: 64 KB header': [
    431,
    'server: failed to read the request: Request Header Fields Too Large.',
  ],
  'servicenow GET /: 64 KB header': [
    431,
    'server: failed to read the request: Request Header Fields Too Large.',
  ],
};
