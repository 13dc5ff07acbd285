/**
 * Faker-built ServiceNow data: users, groups and incidents that look like a real instance's
 * (numbers, states, priorities, categories), reproducible by seed.
 */
import { Faker, base, en } from '@faker-js/faker';
import { GROUP_TABLE, USER_TABLE, snTime, type SnRecord } from './model.ts';

export function createSeededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
}

export const hex32 = (faker: Faker) => faker.string.hexadecimal({ length: 32, casing: 'lower', prefix: '' });

const CATEGORIES = {
  network: ['vpn', 'wireless', 'dns'],
  software: ['email', 'operating system', 'database'],
  hardware: ['monitor', 'keyboard', 'cpu'],
  inquiry: ['antivirus', 'internal application'],
} as const;

export function buildUsers(faker: Faker, n: number): SnRecord[] {
  return Array.from({ length: n }, () => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    return {
      sys_id: hex32(faker),
      user_name: `${first}.${last}`.toLowerCase(),
      name: `${first} ${last}`,
      email: `${first}.${last}@example.com`.toLowerCase(),
      active: 'true',
    };
  });
}

export function buildGroups(faker: Faker): SnRecord[] {
  return ['Service Desk', 'Network', 'Security Operations'].map((name) => ({
    sys_id: hex32(faker),
    name,
    active: 'true',
  }));
}

/** Incident fields (the book stamps sys_* and the number); opened up to a day before `now`. */
export function buildIncidentFields(
  faker: Faker,
  now: number,
  users: SnRecord[],
  groups: SnRecord[],
): SnRecord {
  const category = faker.helpers.objectKey(CATEGORIES);
  const impact = faker.helpers.arrayElement(['1', '2', '3']);
  const urgency = faker.helpers.arrayElement(['1', '2', '3']);
  return {
    sys_id: hex32(faker),
    short_description: faker.helpers.arrayElement([
      `${faker.company.buzzNoun()} outage in ${faker.location.city()}`,
      `Cannot access ${faker.internet.domainName()}`,
      `Suspicious login for ${faker.internet.username()}`,
      `${faker.hacker.noun()} alert from ${faker.hacker.abbreviation()}`,
    ]),
    description: faker.lorem.sentences(2),
    state: faker.helpers.arrayElement(['1', '2', '3']),
    impact,
    urgency,
    priority: String(Math.min(5, Number(impact) + Number(urgency) - 1)),
    severity: faker.helpers.arrayElement(['1', '2', '3']),
    category,
    subcategory: faker.helpers.arrayElement(CATEGORIES[category]),
    caller_id: faker.helpers.arrayElement(users).sys_id!,
    assigned_to: faker.datatype.boolean() ? faker.helpers.arrayElement(users).sys_id! : '',
    assignment_group: faker.helpers.arrayElement(groups).sys_id!,
    opened_at: snTime(now - faker.number.int({ min: 60_000, max: 86_400_000 })),
    contact_type: faker.helpers.arrayElement(['email', 'phone', 'self-service']),
    escalation: '0',
    notify: '1',
  };
}

export { GROUP_TABLE, USER_TABLE };
