/**
 * Faker-built Jira data, reproducible by seed: the site's users and issues that read like a
 * security team's backlog.
 */
import { Faker, base, en } from '@faker-js/faker';
import type { IssueInput } from './issue-input.ts';
import { PRIORITIES, type JiraUser } from './model.ts';

export function createSeededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
}

/** Atlassian account ids: 24 hex digits (`5b10ac8d82e05b22cc7d4ef5`). */
export const accountId = (faker: Faker) =>
  faker.string.hexadecimal({ length: 24, casing: 'lower', prefix: '' });

export function buildUsers(faker: Faker, n: number, timeZone: string): JiraUser[] {
  return Array.from({ length: n }, () => {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    return {
      accountId: accountId(faker),
      emailAddress: `${first}.${last}@example.com`.toLowerCase(),
      displayName: `${first} ${last}`,
      timeZone,
      active: true,
    };
  });
}

export function buildIssue(faker: Faker, users: readonly JiraUser[]): IssueInput {
  return {
    summary: faker.helpers.arrayElement([
      `Suspicious login for ${faker.internet.username()}`,
      `Phishing mail reported by ${faker.person.firstName()}`,
      `${faker.hacker.abbreviation()} alert on ${faker.internet.domainWord()}-srv`,
      `Malware detected on WS-${faker.number.int({ min: 100, max: 999 })}`,
    ]),
    description: faker.lorem.sentences(2),
    priority: faker.helpers.arrayElement(PRIORITIES),
    labels: faker.helpers.arrayElements(['soc', 'phishing', 'malware', 'triage'], { min: 0, max: 2 }),
    issueType: faker.helpers.arrayElement(['Task', 'Bug']),
    ...(faker.datatype.boolean() ? { assignee: faker.helpers.arrayElement(users).accountId } : {}),
  };
}
