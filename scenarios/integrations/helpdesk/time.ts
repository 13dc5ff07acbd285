/**
 * Times as the server and the helpdesk send them. `lastUpdate` arrives as ISO-8601 with a numeric
 * offset (`2020-12-14T12:38:30.006+0200`), with `Z`, naive (taken as UTC, like dateparser with
 * TIMEZONE=UTC) or as epoch seconds (CSP's arg_to_timestamp); the helpdesk stamps `...000Z`.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Epoch ms, or undefined when the text is not a time we understand. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value !== 'string') return undefined;
  const textValue = value.trim();
  if (/^\d+(\.\d+)?$/.test(textValue)) return Number(textValue) * 1000;
  const m = ISO.exec(textValue);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone = 'Z'] = m;
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  // Date.UTC maps years 0..99 to 1900+; setUTCFullYear keeps year 1 (XSOAR's zero time) as year 1.
  const date = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
  date.setUTCFullYear(Number(y));
  let utc = date.getTime();
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    utc -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isNaN(utc) ? undefined : utc;
}

const UNIT_MS: Record<string, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** The start of the first fetch window: `3 days` (before `now`) or an absolute ISO time. */
export function firstFetchStart(firstFetch: string, now: number): number | undefined {
  const relative = /^(\d+)\s*(minute|hour|day|week)s?(\s+ago)?$/i.exec(firstFetch.trim());
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!;
  return parseTime(firstFetch);
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
