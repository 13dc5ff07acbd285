/** API-key auth: the key a request presents as `Authorization: Bearer <key>`, if any. */
export function bearerKey(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}
