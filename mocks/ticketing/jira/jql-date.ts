/**
 * JQL date literals: `"yyyy/MM/dd HH:mm"`, `"yyyy-MM-dd HH:mm"`, `"yyyy/MM/dd"`, `"yyyy-MM-dd"`
 * read as wall-clock times in the searching user's zone (Jira's rule), and relative periods
 * (`-5d`, `"-4w 2d"`, units w d h m) against now.
 */
import { fromZonedWallClock } from './zone-time.ts';
import { JqlError } from './jql-error.ts';

const ABSOLUTE = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const RELATIVE_PART = /([+-]?\d+)\s*([wdhm])/g;
const UNIT_MS = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** A JQL date literal as an instant; `zone` reads wall-clock literals, `now` relative ones. */
export function readDate(text: string, zone: string, now: number, field = 'date'): number {
  const t = text.trim();
  const abs = ABSOLUTE.exec(t);
  if (abs) {
    const [year, month, day, hour = '0', minute = '0'] = abs.slice(1).map((x) => x ?? '0');
    const wall = { year: +year!, month: +month!, day: +day!, hour: +hour, minute: +minute };
    if (
      wall.month < 1 ||
      wall.month > 12 ||
      wall.day < 1 ||
      wall.day > 31 ||
      wall.hour > 23 ||
      wall.minute > 59
    )
      throw badDate(text, field);
    return fromZonedWallClock(wall, zone);
  }
  if (/^[+-]?\d+\s*[wdhm](\s*[+-]?\d+\s*[wdhm])*$/.test(t)) {
    let offset = 0;
    const sign = t.startsWith('-') ? -1 : 1;
    for (const m of t.matchAll(RELATIVE_PART))
      offset += Math.abs(Number(m[1])) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
    return now + sign * offset;
  }
  throw badDate(text, field);
}

const badDate = (text: string, field: string) =>
  new JqlError(
    `Date value '${text}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
