/**
 * The XSOAR Mirroring client (XSOARmirroring.py `Client`): the remote tenant's REST API with the
 * raw API key as `Authorization`. A non-2xx answer raises CommonServerPython's BaseClient message,
 * `Error in API call [<status>] - <reason>\n<body>`, which the integration passes on.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonRecord = Record<string, Json>;

const TIMEOUT_MS = 30_000;

export class XsoarApiError extends Error {
  override name = 'DemistoException';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export class XsoarClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  private async send(method: string, path: string, body?: BodyInit, json = true): Promise<Response> {
    const res = await fetch(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { Authorization: this.apiKey, ...(json ? { 'Content-Type': 'application/json' } : {}) },
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok)
      throw new XsoarApiError(
        `Error in API call [${res.status}] - ${res.statusText}\n${await res.text()}`,
        res.status,
      );
    return res;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body));
    return (await res.json()) as T;
  }

  /** `search_incidents`: None left out (remove_empty_elements keeps 0 and ''), sorted ascending by `field`. */
  async searchIncidents(
    query: string | undefined,
    size: number | undefined,
    fromDate: string,
    page?: number,
    field = 'id',
  ): Promise<JsonRecord[]> {
    const filter: JsonRecord = { size: size || 10, fromDate, sort: [{ field, asc: true }] };
    if (query !== undefined) filter.query = query;
    if (page !== undefined) filter.page = page;
    const answer = await this.json<{ data?: JsonRecord[] | null }>('POST', '/incidents/search', { filter });
    return answer.data ?? [];
  }

  getIncident(id: string): Promise<JsonRecord> {
    return this.json('GET', `/incident/load/${encodeURIComponent(id)}`);
  }

  async getFileEntry(entryId: string): Promise<Uint8Array> {
    const res = await this.send('GET', `/entry/download/${encodeURIComponent(entryId)}`, undefined, false);
    return new Uint8Array(await res.arrayBuffer());
  }

  async getIncidentEntries(
    incidentId: string,
    fromTime: string,
    pageSize: number | undefined,
    categories: string[] | null,
    tags: string[] | null,
    tagsAndOperator: boolean,
  ): Promise<JsonRecord[]> {
    const answer = await this.json<{ entries?: JsonRecord[] | null }>(
      'POST',
      `/investigation/${encodeURIComponent(incidentId)}`,
      { pageSize: pageSize || 50, fromTime, categories, tags, tagsAndOperator },
    );
    return answer.entries ?? [];
  }

  getIncidentFields(): Promise<JsonRecord[]> {
    return this.json('GET', '/incidentfields');
  }

  getIncidentTypes(): Promise<JsonRecord[]> {
    return this.json('GET', '/incidenttype');
  }

  updateIncident(incident: JsonRecord): Promise<JsonRecord> {
    return this.json('POST', '/incident', incident);
  }

  closeIncident(id: string, version: Json, closeReason: Json, closeNotes: Json): Promise<JsonRecord> {
    return this.json('POST', '/incident/close', { id, version, closeNotes, closeReason });
  }

  /** `add_incident_entry`: a file entry is uploaded, then also posted as an entry, as the original does. */
  async addIncidentEntry(
    incidentId: string,
    entry: JsonRecord,
    file?: { name: string; bytes: Uint8Array },
  ): Promise<void> {
    if (entry.type === 3 && file) {
      const form = new FormData();
      form.append(
        'file',
        new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }),
        file.name,
      );
      // As in the original: the client's default headers say Content-Type: application/json, and
      // requests keeps a given Content-Type over the multipart one, so the form goes out as "JSON".
      await this.send('POST', `/entry/upload/${encodeURIComponent(incidentId)}`, form, true);
    }
    if (!entry.note) {
      await this.json('POST', '/entry/formatted', {
        contents: entry.contents ?? null,
        format: entry.format ?? null,
        investigationId: incidentId,
      });
    } else {
      await this.json('POST', '/entry/note', {
        investigationId: incidentId,
        data: entry.contents ?? 'False',
        markdown: entry.format === 'markdown',
      });
    }
  }
}
