/**
 * Faker builders for a Zendesk account: the API agent, a few more agents, end users in two
 * organizations, support groups, and realistic security tickets. Deterministic under a seeded
 * faker: same seed, same account.
 */
import type { Faker } from '@faker-js/faker';
import { PRIORITIES, TICKET_TYPES, type ZendeskState } from './model.ts';

export function buildAccount(state: ZendeskState, faker: Faker, agentEmail: string, now: number): void {
  const stamp = { created_at: now, updated_at: now };
  for (const name of ['Security Operations', 'IT Support']) {
    const id = state.next.group++;
    state.groups[id] = { id, name, is_public: true, ...stamp };
  }
  const orgs = [0, 1].map(() => {
    const id = state.next.org++;
    const name = faker.company.name();
    const domain = `${faker.internet.domainWord()}.example`;
    state.organizations[id] = { id, name, domain_names: [domain], tags: [], ...stamp };
    return { id, domain };
  });
  const agent = state.next.user++;
  state.users[agent] = {
    id: agent,
    name: 'API Agent',
    email: agentEmail,
    role: 'admin',
    organization_id: null,
    active: true,
    ...stamp,
  };
  for (let i = 0; i < 2; i++) {
    const id = state.next.user++;
    const first = faker.person.firstName();
    state.users[id] = {
      id,
      name: `${first} ${faker.person.lastName()}`,
      email: `${first.toLowerCase()}.agent${i}@mirrorlab.example`,
      role: 'agent',
      organization_id: null,
      active: true,
      ...stamp,
    };
  }
  for (let i = 0; i < 6; i++) {
    const id = state.next.user++;
    const org = orgs[i % 2]!;
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    state.users[id] = {
      id,
      name: `${first} ${last}`,
      email: `${first}.${last}@${org.domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
      role: 'end-user',
      organization_id: org.id,
      active: true,
      ...stamp,
    };
  }
}

const SUBJECTS: ((f: Faker) => string)[] = [
  (f) => `Phishing email reported by ${f.person.firstName()}`,
  (f) => `Malware alert on ${f.internet.domainWord()}-laptop`,
  (f) => `Suspicious login from ${f.location.country()}`,
  (f) => `VPN access request for ${f.person.firstName()}`,
  (f) => `Password reset loop on ${f.internet.domainWord()} portal`,
];

/** One ticket as the API would receive it (`{ subject, comment, priority, … }`). */
export function buildTicketInput(faker: Faker, state: ZendeskState): Record<string, unknown> {
  const endUsers = Object.values(state.users).filter((u) => u.role === 'end-user');
  const requester = endUsers.length ? faker.helpers.arrayElement(endUsers) : undefined;
  const groups = Object.values(state.groups);
  return {
    subject: faker.helpers.arrayElement(SUBJECTS)(faker),
    comment: { body: faker.lorem.sentences({ min: 1, max: 3 }) },
    priority: faker.helpers.arrayElement(PRIORITIES),
    type: faker.helpers.arrayElement(TICKET_TYPES),
    status: faker.helpers.arrayElement(['new', 'open', 'pending'] as const),
    tags: faker.helpers.arrayElements(['security', 'phishing', 'vip', 'endpoint', 'network'], {
      min: 0,
      max: 2,
    }),
    ...(requester ? { requester_id: requester.id, organization_id: requester.organization_id } : {}),
    ...(groups.length ? { group_id: faker.helpers.arrayElement(groups).id } : {}),
  };
}
