/** How mapper operators see values: as XSOAR's text form, and what counts as empty. */
import type { Json } from '../json.ts';
import { isJsonObject } from '../json.ts';

/** Strings as they are, objects and lists as JSON, missing as "". */
export const text = (v: Json | undefined): string =>
  v === undefined || v === null
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** Missing, null, "", [] and {}. */
export const isEmpty = (v: Json | undefined): boolean =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (isJsonObject(v) && Object.keys(v).length === 0);
