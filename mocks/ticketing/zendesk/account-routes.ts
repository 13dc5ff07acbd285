/**
 * The account side as Zendesk v2 reads it: users, organizations and groups (show and list, as
 * test-module, the ticket context and fetch read them), uploads (raw bytes → a token a comment
 * attaches), attachments and their content URLs.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import type { Json } from '../../shared/index.ts';
import { notFound } from './errors.ts';
import { paginate } from './pagination.ts';
import { renderAttachment, renderGroup, renderOrganization, renderUser } from './render.ts';
import { route, type ZendeskContext } from './ticket-routes.ts';
import { addUpload } from './uploads.ts';

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
      const upload = ctx.change((state) => addUpload(state, name, bytes, ctx.now(), existing));
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
