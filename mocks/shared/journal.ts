/** The request journal: every API request a fake answered, in order, with the shared clock's time. */
export interface RequestRecord {
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters (last value wins for repeated keys). */
  query: Record<string, string>;
  /** HTTP status sent; 0 when a fault reset the connection. */
  status: number;
  /** Shared-clock time of the request, ISO-8601 UTC. */
  time: string;
  /** Id of the fault that answered, when one did. */
  fault?: string;
}

export interface Journal {
  record(entry: Omit<RequestRecord, 'seq'>): void;
  list(): RequestRecord[];
  clear(): void;
}

/**
 * Bounded so a long demo or a benchmark cannot grow memory without end: the newest `capacity`
 * requests are kept (up to 10% more between trims).
 */
export function createJournal(capacity = 50_000): Journal {
  if (!Number.isSafeInteger(capacity) || capacity < 1)
    throw new TypeError(
      `journal: failed to create it: the capacity must be a whole number of requests from 1 (got ${String(capacity)}).`,
    );
  let records: RequestRecord[] = [];
  let seq = 0;
  return {
    record(entry) {
      seq += 1;
      records.push({ seq, ...entry });
      // Trimmed in batches: a copy of the whole journal on every request once it is full would make
      // each request O(capacity) (a long demo, an hour of cycles over 10,000 tickets).
      if (records.length > capacity + Math.ceil(capacity / 10))
        records = records.slice(records.length - capacity);
    },
    list: () => records.map((r) => ({ ...r, query: { ...r.query } })),
    clear() {
      records = [];
    },
  };
}
