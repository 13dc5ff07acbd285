/** Faker builders: realistic security tickets, deterministic under a seeded faker. */
import { Faker, base, en } from '@faker-js/faker';
import type { TicketInput, TicketSeverity, TicketStatus } from './model.ts';

/** Title and description of one kind of ticket; `host` is the machine it is about. */
type Text = (f: Faker, host: string) => string;

const KINDS: readonly { title: Text; detail: Text }[] = [
  {
    title: (f) => `Phishing email reported by ${f.person.fullName()}`,
    detail: (f) =>
      `User forwarded a suspicious email from ${f.internet.email()} with subject "${f.company.catchPhrase()}". Link points to ${f.internet.url()}.`,
  },
  {
    title: (f, host) => `Malware detected on ${host}`,
    detail: (f, host) =>
      `EDR quarantined ${f.system.commonFileName('exe')} (SHA256 ${f.string.hexadecimal({ length: 64, casing: 'lower', prefix: '' })}) on ${host}.`,
  },
  {
    title: (f) => `Impossible travel for ${f.internet.username().toLowerCase()}`,
    detail: (f) =>
      `Sign-ins from ${f.location.city()} and ${f.location.city()} within ${f.number.int({ min: 5, max: 55 })} minutes; source IP ${f.internet.ipv4()}.`,
  },
  {
    title: (f) => `Brute force against ${f.internet.domainWord()}-vpn`,
    detail: (f) =>
      `${f.number.int({ min: 50, max: 5000 })} failed logins from ${f.internet.ipv4()} in 10 minutes.`,
  },
  {
    title: (f, host) => `Suspicious PowerShell on ${host}`,
    detail: (f) =>
      `Encoded command launched by ${f.internet.username().toLowerCase()}; parent process ${f.system.commonFileName('exe')}.`,
  },
  {
    title: (f) =>
      `Data exfiltration alert: ${f.number.int({ min: 1, max: 90 })} GB to ${f.internet.domainName()}`,
    detail: (f, host) => `DLP flagged uploads from ${host} to ${f.internet.url()}.`,
  },
  {
    title: (f) => `Vulnerable ${f.hacker.noun()} exposed on ${f.internet.ipv4()}`,
    detail: (f) =>
      `Scanner found CVE-${f.number.int({ min: 2019, max: 2025 })}-${f.number.int({ min: 1000, max: 49999 })} on port ${f.internet.port()}.`,
  },
];

const TAGS = [
  'phishing',
  'malware',
  'identity',
  'network',
  'endpoint',
  'dlp',
  'vuln',
  'triage',
  'vip',
] as const;

function hostname(f: Faker): string {
  return `${f.helpers.arrayElement(['WS', 'LT', 'SRV', 'DC'])}-${f.string.alphanumeric({ length: 6, casing: 'upper' })}`;
}

/** A ticket as a creator would send it; `overrides` win over generated fields. */
export function buildTicket(faker: Faker, overrides: Partial<TicketInput> = {}): TicketInput {
  const kind = faker.helpers.arrayElement(KINDS);
  // One host per ticket, so title and description name the same machine.
  const host = hostname(faker);
  const severity = faker.helpers.weightedArrayElement<TicketSeverity>([
    { weight: 3, value: 'low' },
    { weight: 4, value: 'medium' },
    { weight: 2, value: 'high' },
    { weight: 1, value: 'critical' },
  ]);
  const status = faker.helpers.weightedArrayElement<TicketStatus>([
    { weight: 5, value: 'new' },
    { weight: 3, value: 'open' },
    { weight: 1, value: 'pending' },
  ]);
  const assignee = faker.datatype.boolean({ probability: 0.7 })
    ? `${faker.person.firstName().toLowerCase()}.${faker.person.lastName().toLowerCase()}`
    : null;
  return {
    title: kind.title(faker, host),
    description: kind.detail(faker, host),
    severity,
    status,
    assignee,
    tags: faker.helpers.arrayElements([...TAGS], { min: 0, max: 3 }),
    ...overrides,
  };
}

/** A faker whose output depends only on `seed`. */
export function createSeededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
}
