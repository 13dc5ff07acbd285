/**
 * The time conversions XSOARmirroring.py makes with dateparser and CommonServerPython, in UTC.
 */
const UNIT_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

/** dateparser on an ISO time or a relative one (`3 days`, `2 hours ago`); undefined when neither. */
export function parseDate(text: string, now: number): number | undefined {
  const relative = /^\s*(\d+)\s*(second|minute|hour|day|week|month|year)s?(\s+ago)?\s*$/i.exec(text);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!;
  // A time without a zone is UTC (settings={'TIMEZONE': 'UTC'} / 'Z').
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

/** `arg_to_timestamp`: epoch seconds from digits, a date text or a number; -1 for None unless required. */
export function argToTimestamp(arg: unknown, name: string, required: boolean, now: number): number {
  if (arg === undefined || arg === null) {
    if (required) throw new Error(`Missing "${name}"`);
    return -1;
  }
  if (typeof arg === 'string' && /^\d+$/.test(arg)) return Number(arg);
  if (typeof arg === 'string') {
    const ms = parseDate(arg, now);
    if (ms === undefined) throw new Error(`Invalid date: ${name}`);
    return Math.trunc(ms / 1000);
  }
  if (typeof arg === 'number') return Math.trunc(arg);
  throw new Error(`Invalid date: "${name}"`);
}

/** strftime('%Y-%m-%dT%H:%M:%S.%fZ'): six fraction digits. */
export function toXsoarDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** CommonServerPython `timestamp_to_datestring(ms)`: UTC, `.000Z` (its format ends in Z). */
export function timestampToDatestring(ms: number): string {
  return new Date(Math.trunc(ms / 1000) * 1000).toISOString();
}
