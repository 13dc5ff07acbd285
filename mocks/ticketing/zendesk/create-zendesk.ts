/**
 * The Zendesk fake: the Support API v2 subset Zendesk v2 (content pack Zendesk, integration
 * Zendeskv2) uses, built with the kit's defineFake, so it has the journal, faults, rate limit,
 * admin API, seeding, persistence and express bridge of every fake. `tickets` drives it from
 * tests and scenario steps through the same code as the API.
 */
import { defineFake, type Fake, type FakeOptions, type Json } from '../../shared/index.ts';
import { accountRoutes } from './account-routes.ts';
import { authenticate } from './auth.ts';
import { badRequest, errorBody, rateLimited } from './errors.ts';
import { checkState, emptyState, type ZdTicket, type ZendeskState } from './model.ts';
import { renderAttachment, renderComment, renderTicket } from './render.ts';
import { buildAccount, buildTicketInput } from './seed.ts';
import { ticketRoutes, type ZendeskExtras } from './ticket-routes.ts';
import { addUpload } from './uploads.ts';
import { createTicket, deleteTicket, updateTicket, type WriteContext } from './tickets.ts';

export const DEFAULT_BASE_URL = 'http://zendesk.test';
export const DEFAULT_EMAIL = 'admin@mirrorlab.example';
export const DEFAULT_API_TOKEN = 'zendesk-dev-token';

const definition = defineFake<ZendeskState, Record<string, unknown>, ZendeskExtras>({
  name: 'zendesk',
  baseUrl: DEFAULT_BASE_URL,
  empty: emptyState,
  check: checkState,
  errorBody,
  invalidJson: (reason) => badRequest('InvalidJSON', `the request body is not JSON: ${reason}`),
  rateLimited: (seconds) => rateLimited(seconds),
  authenticate: (request, ctx) =>
    authenticate(request, ctx.state(), {
      email: ctx.options.email ?? DEFAULT_EMAIL,
      apiToken: ctx.options.apiToken ?? DEFAULT_API_TOKEN,
      ...(ctx.options.password !== undefined ? { password: ctx.options.password } : {}),
      ...(ctx.options.oauthToken !== undefined ? { oauthToken: ctx.options.oauthToken } : {}),
    }),
  prepare: (state, faker, ctx) => buildAccount(state, faker, ctx.options.email ?? DEFAULT_EMAIL, ctx.now()),
  build: (faker, _index, state) => buildTicketInput(faker, state),
  insert: (state, input, ctx) =>
    String(
      createTicket(state, input, agentWriter(state, ctx.now(), ctx.options.email), { allowSeedFields: true })
        .id,
    ),
  routes: (ctx) => [...ticketRoutes(ctx), ...accountRoutes(ctx)],
});

/** The API agent as the author of writes made from tests and scenario steps. */
function agentWriter(state: ZendeskState, now: number, email = DEFAULT_EMAIL): WriteContext {
  const agent = Object.values(state.users).find((u) => u.email === email);
  return { now, authorId: agent?.id ?? 0, client: 'mirrorlab' };
}

export type ZendeskOptions = FakeOptions<Record<string, unknown>> & ZendeskExtras;

export interface Zendesk extends Fake<ZendeskState> {
  readonly email: string;
  readonly apiToken: string;
  /** Tickets as the API shows them, written through the same code as the API (as the API agent). */
  tickets: {
    list(): Json[];
    get(id: string | number): Json | undefined;
    create(input: Record<string, unknown>): Json;
    update(id: string | number, fields: Record<string, unknown>): Json;
    comment(id: string | number, input: { body: string; public?: boolean; author?: string }): Json;
    attach(id: string | number, file: { name: string; content: string; body?: string }): Json;
    remove(id: string | number): void;
    comments(id: string | number): Json[];
    attachments(id: string | number): Json[];
  };
}

export async function createZendesk(options: ZendeskOptions): Promise<Zendesk> {
  const fake = await definition.create(options);
  const origin = fake.baseUrl;
  const email = options.email ?? DEFAULT_EMAIL;
  const as = (state: ZendeskState) => agentWriter(state, options.clock.now(), email);
  const show = (t: ZdTicket) => renderTicket(fake.state(), t, origin);
  const authorId = (state: ZendeskState, who: string | undefined) =>
    who === undefined ? as(state).authorId : Object.values(state.users).find((u) => u.email === who)?.id;
  return Object.assign(fake, {
    email,
    apiToken: options.apiToken ?? DEFAULT_API_TOKEN,
    tickets: {
      list: () =>
        Object.values(fake.state().tickets)
          .filter((t) => t.status !== 'deleted')
          .sort((a, b) => a.id - b.id)
          .map(show),
      get(id: string | number) {
        const t = fake.state().tickets[String(id)];
        return t && t.status !== 'deleted' ? show(t) : undefined;
      },
      create: (input: Record<string, unknown>) =>
        show(fake.change((s) => createTicket(s, input, as(s), { allowSeedFields: true }))),
      update: (id: string | number, fields: Record<string, unknown>) =>
        show(fake.change((s) => updateTicket(s, id, fields, as(s)))),
      comment: (id: string | number, input: { body: string; public?: boolean; author?: string }) =>
        fake.change((s) => {
          const author = authorId(s, input.author);
          if (author === undefined)
            throw badRequest('InvalidUser', `no user with email ${String(input.author)}`);
          const ticket = updateTicket(
            s,
            id,
            { comment: { ...input, public: input.public ?? true, author_id: author } },
            as(s),
          );
          return renderComment(s, s.comments[ticket.id]!.at(-1)!, origin);
        }) as Json,
      attach: (id: string | number, file: { name: string; content: string; body?: string }) =>
        fake.change((s) => {
          const { entry, attachment } = addUpload(
            s,
            file.name,
            Buffer.from(file.content),
            options.clock.now(),
          );
          updateTicket(s, id, { comment: { body: file.body ?? file.name, uploads: [entry.token] } }, as(s));
          return renderAttachment(attachment, origin);
        }),
      remove: (id: string | number) => fake.change((s) => deleteTicket(s, id, options.clock.now())),
      comments: (id: string | number) =>
        (fake.state().comments[String(id)] ?? []).map((c) => renderComment(fake.state(), c, origin)),
      attachments: (id: string | number) =>
        (fake.state().comments[String(id)] ?? []).flatMap((c) =>
          c.attachment_ids.map((a) => renderAttachment(fake.state().attachments[a]!, origin)),
        ),
    },
  });
}
