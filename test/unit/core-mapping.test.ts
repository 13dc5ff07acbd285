/**
 * The engine with an instance's classifier and mappers (contract.md §B.2 item 5, §B.4 step 5,
 * §B.5): fetch, mirror-in and mirror-out on literal worlds.
 */
import { describe, expect, it } from 'vitest';
import {
  applyFetch,
  applyGetRemoteData,
  parseClassifier,
  parseMapper,
  planFetch,
  planGetRemoteData,
  planUpdateRemote,
  userUpdateIncident,
  type InstanceMapping,
  type World,
} from '../../harness/core/index.ts';
import { baseWorld, instance, jsonEntry, MIN, result, server, T0 } from '../support/core-fixtures.ts';

const simple = (s: string) => ({ simple: s, complex: null });
const mapping: InstanceMapping = {
  classifier: parseClassifier(
    {
      type: 'classification',
      defaultIncidentType: 'Desk Ticket',
      keyTypeMap: { incident: 'Desk Ticket', problem: 'Desk Problem' },
      transformer: simple('kind'),
    },
    'classifier.json',
  ),
  incoming: parseMapper(
    {
      type: 'mapping-incoming',
      mapping: {
        dbot_classification_incident_type_all: {
          dontMapEventToLabels: false,
          internalMapping: {
            name: simple('title'),
            severity: simple('prio'),
            'Desk State': simple('state'),
            dbotMirrorId: simple('id'),
            dbotMirrorDirection: simple(".='Both'"),
            dbotMirrorInstance: simple(".='desk_1'"),
            dbotMirrorTags: simple(".='to-desk'"),
          },
        },
        'Desk Problem': { dontMapEventToLabels: true, internalMapping: { 'Problem Owner': simple('owner') } },
      },
    },
    'mapping-incoming',
    'incoming.json',
  ),
  outgoing: parseMapper(
    {
      type: 'mapping-outgoing',
      mapping: {
        'Desk Ticket': {
          internalMapping: {
            title: simple('name'),
            priority: simple('severity'),
            state: simple('deskstate'),
            close_notes: simple('closeNotes'),
          },
        },
      },
    },
    'mapping-outgoing',
    'outgoing.json',
  ),
};

const inst = instance('desk_1', { mapping, incidentType: 'Fallback' });
const fetchOnce = (w: World, items: unknown[]) =>
  applyFetch(w, planFetch(w, 'desk_1'), result([jsonEntry(items)]), T0);
const raw = (o: object) => JSON.stringify(o);

describe('fetch through the classifier and incoming mapper', () => {
  const { world } = fetchOnce(baseWorld(server(), inst), [
    {
      name: 'from the integration',
      labels: [{ type: 'Brand', value: 'Desk' }],
      rawJSON: raw({ id: 'T-1', kind: 'incident', title: 'VPN down', prio: '3', state: 'open' }),
    },
    { name: 'a problem', rawJSON: raw({ id: 'T-2', kind: 'problem', title: 'Disk', prio: 2, owner: 'ann' }) },
    { name: 'unknown kind', type: 'Own Type', rawJSON: raw({ id: 'T-3', kind: 'other', title: 'X' }) },
  ]);

  it('types, maps, coerces numeric strings and stamps the mirror fields', () => {
    expect(world.incidents['1']).toMatchObject({
      type: 'Desk Ticket',
      name: 'VPN down',
      severity: 3,
      CustomFields: { deskstate: 'open' },
      dbotMirrorId: 'T-1',
      dbotMirrorDirection: 'Both',
      dbotMirrorInstance: 'desk_1',
      dbotMirrorTags: ['to-desk'],
    });
  });

  it("adds event labels after the integration's own unless the type says dontMapEventToLabels", () => {
    expect(world.incidents['1']!.labels.slice(0, 2)).toEqual([
      { type: 'Brand', value: 'Desk' },
      { type: 'id', value: 'T-1' },
    ]);
    expect(world.incidents['2']).toMatchObject({
      type: 'Desk Problem',
      labels: [],
      CustomFields: { problemowner: 'ann' },
    });
  });

  it("falls back to the dict's own type when keyTypeMap has no match", () => {
    expect(world.incidents['3']!.type).toBe('Own Type');
  });
});

describe('mirror-in through the classifier and incoming mapper', () => {
  const fetched = fetchOnce(baseWorld(server(), inst), [
    { name: 'x', rawJSON: raw({ id: 'T-1', kind: 'incident', title: 'VPN down', prio: 1, state: 'open' }) },
  ]).world;
  const pull = (w: World, object: object) =>
    applyGetRemoteData(w, planGetRemoteData(w, '1', T0 + MIN), result([jsonEntry(object)]), [], T0 + MIN)
      .world;

  it('maps the mirrored object, never taking dbotMirror* from it', () => {
    const w = pull(fetched, {
      id: 'OTHER',
      kind: 'incident',
      title: 'VPN back',
      prio: '2',
      state: 'pending',
    });
    expect(w.incidents['1']).toMatchObject({
      name: 'VPN back',
      severity: 2,
      CustomFields: { deskstate: 'pending' },
      dbotMirrorId: 'T-1',
    });
  });

  it('re-types the incident when the classifier says so, and keeps dirty fields', () => {
    const edited = userUpdateIncident(fetched, '1', { deskstate: 'mine' }, 'admin', T0);
    const w = pull(edited, {
      id: 'T-1',
      kind: 'problem',
      title: 'Now a problem',
      owner: 'bob',
      state: 'theirs',
    });
    expect(w.incidents['1']).toMatchObject({
      type: 'Desk Problem',
      CustomFields: { deskstate: 'mine', problemowner: 'bob' },
    });
  });
});

describe('mirror-out through the outgoing mapper', () => {
  const fetched = fetchOnce(baseWorld(server(), inst), [
    { name: 'x', rawJSON: raw({ id: 'T-1', kind: 'incident', title: 'VPN down', prio: 1, state: 'open' }) },
  ]).world;

  it('sends data and delta with remote field names; delta only for rules reading dirty fields', () => {
    const w = userUpdateIncident(fetched, '1', { deskstate: 'resolved', severity: 4 }, 'admin', T0);
    const plan = planUpdateRemote(w, '1', T0)!;
    expect(plan.args.data).toEqual({ title: 'VPN down', priority: 4, state: 'resolved', close_notes: '' });
    expect(plan.args.delta).toEqual({ priority: 4, state: 'resolved' });
  });

  it('gives "" in delta for a dirty field whose mapped value is gone', () => {
    const w = userUpdateIncident(fetched, '1', { deskstate: null }, 'admin', T0);
    expect(planUpdateRemote(w, '1', T0)!.args.delta).toEqual({ state: '' });
  });
});
