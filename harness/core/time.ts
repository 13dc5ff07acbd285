/** Time formatting for the wire. The core never reads a clock: every function takes epoch ms. */
import { HarnessError } from './errors.ts';

/** The form of the `lastUpdate` argument (policy lastUpdateFormat, profiles.ts). */
export type LastUpdateFormat = 'iso-offset' | 'iso-utc';

// On the virtual clock a whole mirror cycle runs at one instant and stamps the same few times over
// and over (issue 16: a polled day converts them ~10 times per command): remember the last ones.
let lastIso = { ms: Number.NaN, iso: '' };

export function toIso(ms: number): string {
  if (ms !== lastIso.ms) lastIso = { ms, iso: new Date(ms).toISOString() };
  return lastIso.iso;
}

const parsedIso = new Map<string, number | undefined>();

/** Epoch ms of an ISO-8601 string, or undefined when it is not one. */
export function fromIso(value: string): number | undefined {
  if (parsedIso.has(value)) return parsedIso.get(value);
  const ms = parseIso(value);
  if (parsedIso.size >= 10_000) parsedIso.clear();
  parsedIso.set(value, ms);
  return ms;
}

function parseIso(value: string): number | undefined {
  if (
    !/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.test(value.trim())
  )
    return undefined;
  // A time without a zone is UTC (JavaScript would take it as the process's local time).
  const text = value.trim().replace(' ', 'T');
  const zoned = /T.*(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) || !text.includes('T') ? text : `${text}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new HarnessError(
        'invalid-input',
        `time: failed to format a time in zone "${tz}": unknown time zone. Use an IANA name such as UTC or Asia/Jerusalem.`,
      );
    }
    formatters.set(tz, f);
  }
  return f;
}

// Offsets only change at transitions, which every zone places on a quarter hour: memoising per
// quarter hour is exact and saves an Intl call per mirrored incident.
const QUARTER_HOUR = 900_000;
const offsetMemo = new Map<string, number>();

/** Offset of `tz` from UTC at instant `ms`, in minutes (Asia/Jerusalem in winter: 120). */
export function offsetMinutes(ms: number, tz: string): number {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  const key = `${tz}|${Math.floor(ms / QUARTER_HOUR)}`;
  const known = offsetMemo.get(key);
  if (known !== undefined) return known;
  const offset = computeOffsetMinutes(ms, tz);
  if (offsetMemo.size > 50_000) offsetMemo.clear();
  offsetMemo.set(key, offset);
  return offset;
}

function computeOffsetMinutes(ms: number, tz: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(tz).formatToParts(ms))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The `lastUpdate` argument of get-modified-remote-data / get-remote-data (contract.md §B.4 step 1):
 * 'iso-offset' → `2020-12-14T12:38:30.006+0200` (local time of `tz`, as in the Jira fixture);
 * 'iso-utc' → `2021-08-24T07:44:21.608Z`.
 */
export function formatLastUpdate(ms: number, format: LastUpdateFormat, tz: string): string {
  if (format === 'iso-utc') return toIso(ms);
  const offset = offsetMinutes(ms, tz);
  const local = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}
