/**
 * What a `kind: xsoar` tenant's `remote:` actions do there, as an analyst on that tenant, and the
 * seeded incidents of `tickets: N`.
 */
import type { Harness, Incident } from '../../harness/index.ts';
import { createSeededFaker, type RemoteAction } from '../shared/index.ts';

const TYPES = ['Phishing', 'Malware', 'Access', 'Unclassified'];

/** Seeded incidents for `tickets: N`: a name, a type and a severity, as an analyst would open them. */
export function buildIncidents(n: number, seed: number): (Partial<Incident> & { name: string })[] {
  const faker = createSeededFaker(seed);
  return Array.from({ length: n }, () => ({
    name: `${faker.hacker.adjective()} ${faker.hacker.noun()} on ${faker.internet.domainName()}`,
    type: faker.helpers.arrayElement(TYPES),
    severity: faker.number.int({ min: 1, max: 4 }),
    details: faker.hacker.phrase(),
  }));
}

/** One `remote:` action on the tenant, as an analyst there would take it. */
export async function actOnTenant(tenant: Harness, action: RemoteAction): Promise<void> {
  const ref = (value: string | number | undefined) => {
    const key = String(value);
    if (!tenant.incidents.get(key))
      throw new Error(
        `xsoar remote: failed to act on incident "${key}": no such incident. Its incidents: ${
          tenant.incidents
            .list()
            .map((i) => i.id)
            .join(', ') || 'none'
        }.`,
      );
    return key;
  };
  if (action.create !== undefined)
    await tenant.incidents.create(action.create as Partial<Incident> & { name: string });
  else if (action.update !== undefined)
    await tenant.incidents.update(ref(action.update), (action.fields ?? {}) as Partial<Incident>);
  else if (action.comment !== undefined)
    await tenant.incidents.addEntry(ref(action.comment), {
      contents: action.body ?? '',
      note: true,
      ...(action.tags ? { tags: action.tags } : {}),
      ...(action.author ? { user: action.author } : {}),
    });
  else if (action.close !== undefined)
    await tenant.incidents.close(ref(action.close), {
      ...(action.reason !== undefined ? { closeReason: action.reason } : {}),
      ...(action.notes !== undefined ? { closeNotes: action.notes } : {}),
    });
  else if (action.reopen !== undefined) await tenant.incidents.reopen(ref(action.reopen));
  else if (action.attach !== undefined)
    await tenant.incidents.addEntry(ref(action.attach), {
      contents: '',
      file: { name: action.name ?? 'file.txt', content: action.body ?? '' },
      ...(action.tags ? { tags: action.tags } : {}),
    });
}
