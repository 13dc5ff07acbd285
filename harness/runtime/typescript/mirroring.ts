/**
 * CommonServerPython's mirroring classes (contract.md §A.3), with their quirks kept on purpose: an
 * empty mirrored object turns the whole get-remote-data answer into the text "None" (§F.1), a single
 * scheme given to GetMappingFieldsResponse fails like Python iterating a non-list (§F.2), and the
 * mirror-run helpers refuse servers below 6.6.0 (§F.8).
 */
import type { Json } from '../../core/index.ts';
import type { DemistoContext, JsonRecord } from './demisto-context.ts';
import { DemistoException, KeyError } from './python-errors.ts';
import { pyClassName, pyStr, pyTruthy } from './python-values.ts';

function required(args: Record<string, Json>, key: string): Json {
  if (!Object.hasOwn(args, key)) throw new KeyError(key);
  return args[key] as Json;
}

/** get-remote-data args: `id` and `lastUpdate` are read with `[]`, so a missing one is a KeyError. */
export class GetRemoteDataArgs {
  readonly remoteIncidentId: string;
  readonly lastUpdate: string;
  constructor(args: Record<string, Json>) {
    this.remoteIncidentId = required(args, 'id') as string;
    this.lastUpdate = required(args, 'lastUpdate') as string;
  }
}

export class GetModifiedRemoteDataArgs {
  readonly lastUpdate: string;
  constructor(args: Record<string, Json>) {
    this.lastUpdate = required(args, 'lastUpdate') as string;
  }
}

/** update-remote-system args, all read with `.get` (undefined when absent, as Python's None). */
export class UpdateRemoteSystemArgs {
  readonly data: JsonRecord | undefined;
  readonly entries: JsonRecord[] | undefined;
  readonly incidentChanged: boolean | undefined;
  readonly remoteIncidentId: string | undefined;
  readonly incStatus: number | undefined;
  readonly delta: JsonRecord | undefined;
  constructor(args: Record<string, Json>) {
    this.data = args.data as JsonRecord | undefined;
    this.entries = args.entries as JsonRecord[] | undefined;
    this.incidentChanged = args.incidentChanged as boolean | undefined;
    this.remoteIncidentId = args.remoteId as string | undefined;
    this.incStatus = args.status as number | undefined;
    this.delta = args.delta as JsonRecord | undefined;
  }
}

export class GetRemoteDataResponse {
  constructor(
    readonly mirroredObject: unknown,
    readonly entries: unknown,
  ) {}

  /** `[mirroredObject, ...entries]`, or undefined (Python's None) when the object is falsy: entries are lost. */
  extractForLocal(): unknown[] | undefined {
    if (!pyTruthy(this.mirroredObject)) return undefined;
    if (!Array.isArray(this.entries)) {
      throw new TypeError(`can only concatenate list (not "${pyClassName(this.entries)}") to list`);
    }
    return [this.mirroredObject, ...(this.entries as unknown[])];
  }
}

export class GetModifiedRemoteDataResponse {
  constructor(readonly modifiedIncidentIds: unknown) {}

  /** Contents is the real list here, not a JSON string. CSP logs the ids with demisto.info first. */
  toEntry(demisto?: DemistoContext): { Contents: unknown; Type: 1; ContentsFormat: 'json' } {
    // `'{}'.format(ids)` prints the list's repr: ['a', 'b'].
    demisto?.info(`Modified incidents: ${pyStr(this.modifiedIncidentIds)}`);
    return { Contents: this.modifiedIncidentIds, Type: 1, ContentsFormat: 'json' };
  }
}

export class SchemeTypeMapping {
  readonly typeName: string;
  /** Kept by reference, as Python does: addField also changes the object the caller passed. */
  readonly fields: Record<string, unknown>;
  constructor(typeName = '', fields?: Record<string, unknown> | null) {
    this.typeName = typeName;
    this.fields = fields && pyTruthy(fields) ? fields : {};
  }

  /** The description may be a nested object (XSOAR Mirroring nests CustomFields). */
  addField(name: string, description: unknown = ''): void {
    this.fields[name] = description;
  }

  extractMapping(): Record<string, Record<string, unknown>> {
    return { [this.typeName]: this.fields };
  }
}

export class GetMappingFieldsResponse {
  /** A list is expected; a single scheme is kept as it is and fails when iterated (§F.2). */
  readonly schemeTypesMappings: SchemeTypeMapping[] | SchemeTypeMapping;
  constructor(schemeTypesMapping?: SchemeTypeMapping[] | SchemeTypeMapping | null) {
    this.schemeTypesMappings = schemeTypesMapping && pyTruthy(schemeTypesMapping) ? schemeTypesMapping : [];
  }

  addSchemeType(mapping: SchemeTypeMapping): void {
    if (!Array.isArray(this.schemeTypesMappings)) {
      throw new TypeError(`'${pyClassName(this.schemeTypesMappings)}' object has no attribute 'append'`);
    }
    this.schemeTypesMappings.push(mapping);
  }

  extractMapping(): Record<string, Record<string, unknown>> {
    if (!Array.isArray(this.schemeTypesMappings)) {
      throw new TypeError(`'${pyClassName(this.schemeTypesMappings)}' object is not iterable`);
    }
    const all: Record<string, Record<string, unknown>> = {};
    for (const mapping of this.schemeTypesMappings) Object.assign(all, mapping.extractMapping());
    return all;
  }
}

function versionParts(version: string): string[] {
  return version.split('.').map((p) => p.padStart(8, '0'));
}

/** CSP's is_demisto_version_ge: zero-filled tuple comparison, then the build number when asked. */
export function isDemistoVersionGe(demisto: DemistoContext, version: string, buildNumber = ''): boolean {
  const server = demisto.demistoVersion();
  const a = versionParts(server.version);
  const b = versionParts(version);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return false;
    if (y === undefined) return true;
    if (x !== y) return x > y;
  }
  return buildNumber ? Number.parseInt(server.buildNumber, 10) >= Number.parseInt(buildNumber, 10) : true;
}

export function setLastMirrorRun(demisto: DemistoContext, lastMirrorRun: unknown): void {
  if (!isDemistoVersionGe(demisto, '6.6.0')) {
    throw new DemistoException('You cannot use setLastMirrorRun as your version is below 6.6.0');
  }
  demisto.setLastMirrorRun(lastMirrorRun);
}

/** `demisto.getLastMirrorRun() or {}`. */
export function getLastMirrorRun(demisto: DemistoContext): Json {
  if (!isDemistoVersionGe(demisto, '6.6.0')) {
    throw new DemistoException('You cannot use getLastMirrorRun as your version is below 6.6.0');
  }
  const value = demisto.getLastMirrorRun();
  return pyTruthy(value) ? value : {};
}
