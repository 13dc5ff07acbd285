/**
 * CSP's return_results, return_error and fileResult (contract.md §A.4, §A.5, §F.23): the functions
 * that decide which wire entries a command leaves behind.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntryFormat, EntryType } from '../../core/index.ts';
import { CommandResults } from './command-results.ts';
import { contextInternals, type DemistoContext } from './demisto-context.ts';
import {
  GetMappingFieldsResponse,
  GetModifiedRemoteDataResponse,
  GetRemoteDataResponse,
} from './mirroring.ts';
import { NotImplementedError, SystemExit } from './python-errors.ts';
import { isPlainObject, pyStr } from './python-values.ts';
import { maskSecrets } from './secret-mask.ts';

function hasToEntry(value: unknown): value is { toEntry(demisto?: DemistoContext): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toEntry?: unknown }).toEntry === 'function'
  );
}

/**
 * return_results: a non-empty list sends its plain objects and strings together in one results call
 * *after* every other item, which is sent by a recursive call first; helper objects become their
 * entries; anything else goes to `demisto.results` as it is (`undefined`/`null` → the text "None").
 */
export function returnResults(demisto: DemistoContext, results: unknown): void {
  if (results === undefined || results === null) {
    demisto.results(null);
  } else if (Array.isArray(results) && results.length > 0) {
    const plain: unknown[] = [];
    for (const item of results) {
      if (isPlainObject(item) || typeof item === 'string') plain.push(item);
      else returnResults(demisto, item);
    }
    if (plain.length > 0) demisto.results(plain);
  } else if (results instanceof CommandResults) {
    demisto.results(results.toContext());
  } else if (results instanceof GetMappingFieldsResponse) {
    demisto.results(results.extractMapping());
  } else if (results instanceof GetRemoteDataResponse) {
    demisto.results(results.extractForLocal());
  } else if (results instanceof GetModifiedRemoteDataResponse) {
    demisto.results(results.toEntry(demisto));
  } else if (hasToEntry(results)) {
    demisto.results(results.toEntry(demisto));
  } else {
    demisto.results(results);
  }
}

/** Commands whose errors the server handles itself: return_error raises instead of writing an entry. */
const SERVER_HANDLED = new Set([
  'fetch-incidents',
  'fetch-credentials',
  'long-running-execution',
  'fetch-indicators',
]);
export const MAX_ERROR_MESSAGE_LENGTH = 50_000;
const TRUNCATED = '...This error body was truncated...';

function truncate(message: string): string {
  // Python counts code points, not UTF-16 units.
  const chars = Array.from(message);
  if (chars.length <= MAX_ERROR_MESSAGE_LENGTH) return message;
  const half = Math.floor(MAX_ERROR_MESSAGE_LENGTH / 2);
  return chars.slice(0, half).join('') + TRUNCATED + chars.slice(-half).join('');
}

/**
 * return_error. TypeScript has no "active exception", so `error` plays both roles of Python's `error`
 * argument and `sys.exc_info()`: pass the caught error. For get-modified-remote-data the message gets
 * the `skip update. error: ` prefix unless `error` is a NotImplementedError (then the server falls
 * back to polling every incident). Fetch-type commands throw `Error(message)`; the others write the
 * Type-4 entry and stop the handler with SystemExit(0), which the runner swallows.
 */
export function returnError(
  demisto: DemistoContext,
  message: unknown,
  error?: unknown,
  outputs?: unknown,
): never {
  const params = demisto.params();
  let text = maskSecrets(pyStr(message), params);
  const logLines = [text];
  if (error !== undefined && error !== null && error !== '') logLines.push(maskSecrets(pyStr(error), params));
  const stack = error instanceof Error ? error.stack : undefined;
  if (stack) {
    logLines.push(maskSecrets(`\n${stack}`, params));
    if (demisto.isDebug) text = `${text}\n\n${stack}`;
  }
  // LOG buffers its lines; print_log sends them in one info call, or as debug lines in debug mode.
  if (demisto.isDebug) for (const line of logLines) demisto.debug(line);
  else demisto.info(`Full Integration Log:\n${logLines.join('\n')}`);

  const command = demisto.command();
  if (command === 'get-modified-remote-data' && !(error instanceof NotImplementedError)) {
    text = `skip update. error: ${text}`;
  }
  if (SERVER_HANDLED.has(command)) throw new Error(text);
  demisto.results({
    Type: EntryType.ERROR,
    ContentsFormat: EntryFormat.TEXT,
    Contents: truncate(text),
    EntryContext: outputs ?? null,
  });
  throw new SystemExit(0);
}

/**
 * fileResult: the bytes go to `<Inv.id>_<uuid>` in a per-command directory and are reported in
 * RunResult.files; the entry is a Type-3 file entry. `../` is removed from the name, as CSP does.
 */
export function fileResult(
  demisto: DemistoContext,
  filename: string,
  data: string | Uint8Array,
  fileType: number = EntryType.FILE,
): { Contents: ''; ContentsFormat: 'text'; Type: number; File: string; FileID: string } {
  const internals = contextInternals(demisto);
  const fileId = demisto.uniqueFile();
  const path = join(internals.fileDirectory(), `${demisto.investigation().id}_${fileId}`);
  writeFileSync(path, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  const name = filename.replaceAll('../', '');
  if (name !== filename) demisto.debug(`replaced ${name} with new file name ${name}`);
  internals.recording.files.push({ fileId, name, path });
  return { Contents: '', ContentsFormat: 'text', Type: fileType, File: name, FileID: fileId };
}
