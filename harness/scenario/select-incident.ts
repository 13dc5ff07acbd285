/** `incident: <id>` or `where: { … }` → exactly one incident, or a sentence saying why not. */
import type { Harness } from '../api.ts';
import type { Incident } from '../core/index.ts';
import { matches, show } from './match.ts';

export interface Selector {
  incident?: string | number | undefined;
  where?: Record<string, unknown> | undefined;
}

export function describeSelector(selector: Selector): string {
  return selector.incident !== undefined
    ? `incident ${String(selector.incident)}`
    : `incident where ${show(selector.where)}`;
}

export function selectIncident(
  harness: Harness,
  selector: Selector,
): { incident: Incident } | { problem: string } {
  if (selector.incident !== undefined) {
    const incident = harness.incidents.get(String(selector.incident));
    if (incident) return { incident };
    const ids = harness.incidents.list().map((i) => i.id);
    return {
      problem: `no incident with id ${String(selector.incident)} (incidents: ${ids.length ? ids.join(', ') : 'none'})`,
    };
  }
  const all = harness.incidents.list();
  const found = all.filter((i) => matches(selector.where ?? {}, i));
  if (found.length === 1) return { incident: found[0]! };
  if (found.length === 0)
    return { problem: `no incident matches where ${show(selector.where)} (of ${all.length})` };
  return {
    problem: `${found.length} incidents match where ${show(selector.where)} (ids ${found.map((i) => i.id).join(', ')}); narrow the where`,
  };
}
