/**
 * A small client for the helpdesk REST API (`/api/v1`, Bearer API key). Vendor errors
 * `{error:{code,message}}` become HelpdeskApiError; a 429 becomes a message that contains
 * `API rate limit`, the exact text the XSOAR mirror job looks for (contract.md §B.4).
 */
import { exchange, TransportError, type Exchange } from './transport.ts';

export interface Ticket {
  id: string;
  title: string;
  description: string;
  status: 'new' | 'open' | 'pending' | 'resolved' | 'closed';
  severity: 'low' | 'medium' | 'high' | 'critical';
  assignee: string | null;
  tags: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  close_reason: string | null;
  close_notes: string | null;
  version: number;
}

export interface TicketComment {
  id: string;
  ticket_id: string;
  author: string;
  body: string;
  internal: boolean;
  created_at: string;
}

export interface Page<T> {
  data: T[];
  next: string | null;
  total: number;
}

export class HelpdeskApiError extends Error {
  override name = 'HelpdeskApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
  get rateLimited(): boolean {
    return this.status === 429;
  }
  get notFound(): boolean {
    return this.status === 404;
  }
}

const TIMEOUT_MS = 30_000;

export class HelpdeskClient {
  private readonly authorization: string;
  constructor(
    readonly apiBase: string,
    apiKey: string,
  ) {
    this.authorization = `Bearer ${apiKey}`;
  }

  async request<T>(method: string, pathOrUrl: string, body?: unknown): Promise<T> {
    const url = /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${this.apiBase}${pathOrUrl}`;
    let response: Exchange;
    try {
      // Built plainly rather than with conditional spreads: this runs twice per get-remote-data.
      const headers: Record<string, string> = {
        Authorization: this.authorization,
        Accept: 'application/json',
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      response = await exchange(
        method,
        url,
        headers,
        body === undefined ? undefined : JSON.stringify(body),
        TIMEOUT_MS,
      );
    } catch (e) {
      const reason = e instanceof TransportError ? e.reason : (e as Error).message;
      throw new HelpdeskApiError(
        `Helpdesk: failed to reach ${method} ${url}: ${reason}. Check the url param and that the helpdesk is up.`,
        0,
        'connection_error',
      );
    }
    const textBody = response.text;
    if (response.status === 429) {
      const retry = response.header('retry-after') ?? '?';
      throw new HelpdeskApiError(
        `API rate limit exceeded by the helpdesk (retry after ${retry} s) on ${method} ${new URL(url).pathname}`,
        429,
        'rate_limited',
      );
    }
    if (response.status < 200 || response.status > 299) {
      let code = 'http_error';
      let message = textBody.slice(0, 500);
      try {
        const parsed = JSON.parse(textBody) as { error?: { code?: string; message?: string } };
        code = parsed.error?.code ?? code;
        message = parsed.error?.message ?? message;
      } catch {
        // Not the vendor shape (a proxy page, say): keep the raw text.
      }
      throw new HelpdeskApiError(
        `Helpdesk API error ${response.status} (${code}) on ${method} ${new URL(url).pathname}: ${message}`,
        response.status,
        code,
      );
    }
    if (textBody === '') return undefined as T;
    return JSON.parse(textBody) as T;
  }

  /** Every page of a list, following `next` links. */
  async listAll<T>(path: string, stop?: (collected: T[]) => boolean): Promise<T[]> {
    const out: T[] = [];
    let next: string | null = path;
    while (next) {
      const page: Page<T> = await this.request<Page<T>>('GET', next);
      out.push(...page.data);
      if (stop?.(out)) break;
      next = page.next;
    }
    return out;
  }

  getTicket(id: string): Promise<Ticket> {
    return this.request('GET', `/tickets/${encodeURIComponent(id)}`);
  }
  createTicket(body: Record<string, unknown>): Promise<Ticket> {
    return this.request('POST', '/tickets', body);
  }
  updateTicket(id: string, patch: Record<string, unknown>): Promise<Ticket> {
    return this.request('PATCH', `/tickets/${encodeURIComponent(id)}`, patch);
  }
  closeTicket(id: string, reason: string, notes: string): Promise<Ticket> {
    return this.request('POST', `/tickets/${encodeURIComponent(id)}/close`, { reason, notes });
  }
  reopenTicket(id: string): Promise<Ticket> {
    return this.request('POST', `/tickets/${encodeURIComponent(id)}/reopen`);
  }
  comments(id: string, createdSince?: string): Promise<TicketComment[]> {
    const query = createdSince ? `?created_since=${encodeURIComponent(createdSince)}` : '';
    return this.listAll<TicketComment>(`/tickets/${encodeURIComponent(id)}/comments${query}`);
  }
  addComment(id: string, body: string, internal: boolean): Promise<TicketComment> {
    return this.request('POST', `/tickets/${encodeURIComponent(id)}/comments`, {
      body,
      internal,
      author: 'Cortex XSOAR',
    });
  }
  addAttachment(
    id: string,
    name: string,
    contentBase64: string,
    contentType = 'application/octet-stream',
  ): Promise<unknown> {
    return this.request('POST', `/tickets/${encodeURIComponent(id)}/attachments`, {
      name,
      content_type: contentType,
      content_base64: contentBase64,
    });
  }
}
