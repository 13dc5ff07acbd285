/**
 * The wire shapes a real XSOAR server receives from an integration (contract.md §A.1, §A.3–§A.5).
 * Every runtime (Python bridge, TypeScript integrations) must produce exactly these, so the engine
 * never asks which runtime ran a command (design.md §2).
 */

/** EntryType (contract.md §A.3). */
export const EntryType = {
  NOTE: 1,
  DOWNLOAD_AGENT: 2,
  FILE: 3,
  ERROR: 4,
  PINNED: 5,
  USER_MANAGEMENT: 6,
  IMAGE: 7,
  PLAYGROUND_ERROR: 8,
  ENTRY_INFO_FILE: 9,
  VIDEO_FILE: 10,
  WARNING: 11,
  STATIC_VIDEO_FILE: 12,
  MAP_ENTRY_TYPE: 15,
  DEBUG: 16,
  WIDGET: 17,
  EXECUTION_METRICS: 19,
} as const;

/** EntryFormat (contract.md §A.3). */
export const EntryFormat = {
  HTML: 'html',
  TABLE: 'table',
  JSON: 'json',
  TEXT: 'text',
  DBOT_RESPONSE: 'dbotCommandResponse',
  MARKDOWN: 'markdown',
} as const;

/** IncidentStatus (contract.md §A.3). */
export const IncidentStatus = { PENDING: 0, ACTIVE: 1, DONE: 2, ARCHIVE: 3 } as const;
export type IncidentStatusValue = (typeof IncidentStatus)[keyof typeof IncidentStatus];

/** IncidentSeverity (contract.md §A.3). */
export const IncidentSeverity = { UNKNOWN: 0, INFO: 0.5, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 } as const;

/**
 * One result entry as sent in `{"type":"result","results":[...]}`. Keys are the real ones, in the
 * real casing; `Contents` is a JSON *string* when a dict went through `demisto.results` (§A.1).
 */
export interface WireEntry {
  Type: number;
  Contents: unknown;
  ContentsFormat: string;
  HumanReadable?: unknown;
  EntryContext?: unknown;
  Tags?: unknown;
  Note?: unknown;
  File?: unknown;
  FileID?: unknown;
  Category?: unknown;
  [key: string]: unknown;
}

/** The marker substrings the mirror job reacts to (contract.md §B.4, exact case). */
export const SKIP_UPDATE = 'skip update';
export const API_RATE_LIMIT = 'API rate limit';

/** The `demistoVersion()` reply (contract.md §A.1). */
export interface DemistoVersion {
  version: string;
  buildNumber: string;
  platform: 'xsoar' | 'xsoar_hosted' | 'x2';
}
