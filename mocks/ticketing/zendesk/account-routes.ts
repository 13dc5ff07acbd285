/**
 * The account side as Zendesk v2 reads it: users, organizations and groups (show and list, as
 * test-module, the ticket context and fetch read them), uploads (raw bytes → a token a comment
 * attaches), attachments and their content URLs.
 */
import { createHash } from 'node:crypto';
import { HttpResponse, type HttpHandler } from 'msw';
import type { Json } from '../../shared/index.ts';
import { notFound } from './errors.ts';
import { paginate } from './pagination.ts';
import { renderAttachment, renderGroup, renderOrganization, renderUser } from './render.ts';
import { route, type ZendeskContext } from './ticket-routes.ts';
import type { ZdAttachment } from './model.ts';

type Table = 'users' | 'organizations' | 'groups';
const SINGULAR = { users: 'user', organizations: 'organization', groups: 'group' } as const;
const RENDER = { users: renderUser, organizations: renderOrganization, groups: renderGroup };

function byId<T>(table: Record<string, T>, id: string | undefined): T {
  const found = table[String(id ?? '').replace(/\.json$/, '')];
  if (!found) throw notFound();
  return found;
}

export function accountRoutes(ctx: ZendeskContext): HttpHandler[] {
  const tables = (['users', 'organizations', 'groups'] as const).flatMap((table: Table) => {
    const render = RENDER[table] as unknown as (record: { id: number }, origin: string) => Json;
    return [
      ...route(ctx, 'GET', `/${table}`, ({ url, origin }) => {
        const records = Object.values(ctx.state()[table]).sort((a, b) => a.id - b.id);
        return HttpResponse.json(
          paginate(
            url,
            origin,
            table,
            records,
            (r) => [r.id],
            (r) => render(r, origin),
          ),
        );
      }),
      ...route(ctx, 'GET', `/${table}/:id`, ({ params, origin }) =>
        HttpResponse.json({
          [SINGULAR[table]]: render(byId<{ id: number }>(ctx.state()[table], params.id), origin),
        }),
      ),
    ];
  });

  return [
    ...tables,
    ...route(ctx, 'POST', '/uploads', async ({ request, url, origin }) => {
      const name = url.searchParams.get('filename');
      if (!name) throw notFound();
      const bytes = Buffer.from(await request.arrayBuffer());
      const existing = url.searchParams.get('token');
      const upload = ctx.change((state) => {
        const id = state.next.attachment++;
        const attachment: ZdAttachment = {
          id,
          token: tokenOf('attachment', id, 24),
          file_name: name,
          content_type: guessType(name),
          content_base64: bytes.toString('base64'),
          size: bytes.length,
        };
        state.attachments[id] = attachment;
        // A token given back adds this file to that upload, as Zendesk's multi-file uploads do.
        const token = existing && state.uploads[existing] ? existing : tokenOf('upload', id, 16);
        const entry = (state.uploads[token] ??= {
          token,
          attachment_ids: [],
          expires_at: ctx.now() + 3 * 86_400_000,
        });
        entry.attachment_ids.push(id);
        return { entry, attachment };
      });
      return HttpResponse.json(
        {
          upload: {
            token: upload.entry.token,
            expires_at: new Date(upload.entry.expires_at).toISOString().replace('.000Z', 'Z'),
            attachment: renderAttachment(upload.attachment, origin),
            attachments: upload.entry.attachment_ids.map((id) =>
              renderAttachment(ctx.state().attachments[id]!, origin),
            ),
          },
        },
        { status: 201 },
      );
    }),
    ...route(ctx, 'GET', '/attachments/:id', ({ params, origin }) =>
      HttpResponse.json({ attachment: renderAttachment(byId(ctx.state().attachments, params.id), origin) }),
    ),
    ctx.api('GET', '/attachments/token/:token/', ({ params }) => {
      const attachment = Object.values(ctx.state().attachments).find((a) => a.token === params.token);
      if (!attachment) throw notFound();
      return new HttpResponse(Buffer.from(attachment.content_base64, 'base64'), {
        headers: {
          'Content-Type': attachment.content_type,
          'Content-Disposition': `attachment; filename="${attachment.file_name}"`,
        },
      });
    }),
  ];
}

/** Tokens are derived from ids, so the same requests give the same answers on every run. */
function tokenOf(kind: string, id: number, length: number): string {
  return createHash('sha256').update(`${kind}:${id}`).digest('base64url').slice(0, length);
}

function guessType(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return (
    {
      txt: 'text/plain',
      json: 'application/json',
      png: 'image/png',
      jpg: 'image/jpeg',
      pdf: 'application/pdf',
      eml: 'message/rfc822',
    }[ext] ?? 'application/binary'
  );
}
