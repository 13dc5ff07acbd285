/**
 * Classifiers and mappers: paths, constants, complex rules, classification, per-type precedence,
 * labels, field-name resolution, and the errors a bad file gets when it is parsed. Fixtures are
 * hand-written in the content-pack JSON format.
 */
import { describe, expect, it } from 'vitest';
import {
  classify,
  evaluateRule,
  eventLabels,
  fromSimpleRules,
  getPath,
  HarnessError,
  incidentFieldKey,
  mapFields,
  parseClassifier,
  parseMapper,
} from '../../harness/core/index.ts';

const simple = (s: string) => ({ simple: s, complex: null });
const replace = (from: string, to: string) => ({
  operator: 'replace',
  args: {
    limit: { isContext: false, value: null },
    replaceWith: { isContext: false, value: { complex: null, simple: to } },
    toReplace: { isContext: false, value: { complex: null, simple: from } },
  },
});

/** In the shape of ServiceNow's incoming mapper (display-name keys, replace chains, constants). */
const snowLikeIncoming = {
  id: 'ticketing-incoming-mapper',
  name: 'Ticketing - Incoming Mapper',
  type: 'mapping-incoming',
  defaultIncidentType: 'Ticketing Ticket',
  mapping: {
    'Ticketing Ticket': {
      dontMapEventToLabels: false,
      internalMapping: {
        'Ticketing State': {
          complex: {
            accessor: '',
            filters: [],
            root: 'state',
            transformers: [
              replace('1', '1 - New'),
              replace('2', '2 - In Progress'),
              replace('7', '7 - Closed'),
            ],
          },
          simple: '',
        },
        'Ticket Number': simple('number'),
        'Sub Category': simple('subcategory'),
        dbotMirrorDirection: simple(".='Both'"),
        dbotMirrorId: simple('sys_id'),
        dbotMirrorInstance: simple('mirror_instance'),
        name: simple('short_description'),
        details: simple('description'),
      },
    },
    dbot_classification_incident_type_all: {
      dontMapEventToLabels: true,
      internalMapping: {
        severity: {
          complex: { root: 'severity', accessor: '', filters: [], transformers: [replace('1', '3')] },
          simple: '',
        },
        name: simple('number'),
        'Close Notes': simple('close_notes'),
      },
    },
  },
};

const event = {
  sys_id: 'a1b2',
  number: 'INC0010001',
  short_description: 'VPN down',
  description: 'Users cannot connect',
  state: '2',
  severity: '1',
  subcategory: 'network',
  close_notes: '',
  mirror_instance: 'snow_1',
  sys_class_name: 'incident',
};

describe('paths', () => {
  const source = { a: { b: [{ c: 1 }, { c: 2 }, { d: 3 }] }, 'x.y': 'dotted', list: ['p', 'q'] };
  it('reads nested keys, list indices both ways, and collects through lists', () => {
    expect(getPath(source, 'a.b.[1].c')).toBe(2);
    expect(getPath(source, 'a.b.0.c')).toBe(1);
    expect(getPath(source, 'a.b.c')).toEqual([1, 2]);
    expect(getPath(source, 'list.[1]')).toBe('q');
  });
  it('finds a whole key with dots first, and yields undefined for a missing step', () => {
    expect(getPath(source, 'x.y')).toBe('dotted');
    expect(getPath(source, 'a.zz.c')).toBeUndefined();
    expect(getPath(source, '')).toBe(source);
  });
});

describe('rules', () => {
  it('a simple path, a constant in either quote, and nothing for a missing path', () => {
    expect(evaluateRule(simple('number'), event)).toBe('INC0010001');
    expect(evaluateRule(simple(".='Both'"), event)).toBe('Both');
    expect(evaluateRule(simple('.="In"'), event)).toBe('In');
    expect(evaluateRule(simple('nope'), event)).toBeUndefined();
    expect(evaluateRule(simple(''), event)).toBeUndefined();
  });

  it('complex: root, then accessor per item, then transformers in order', () => {
    const rule = parseMapper(
      {
        type: 'mapping-incoming',
        mapping: {
          T: {
            internalMapping: {
              f: {
                complex: {
                  root: 'people',
                  accessor: 'name',
                  filters: [],
                  transformers: [
                    { operator: 'toUpperCase', args: {} },
                    { operator: 'join', args: { separator: { value: { simple: '+' } } } },
                  ],
                },
              },
            },
          },
        },
      },
      'mapping-incoming',
      'inline',
    ).mapping.T!.internalMapping.f!;
    expect(evaluateRule(rule, { people: [{ name: 'ann' }, { name: 'bob' }] })).toBe('ANN+BOB');
  });
});

describe('classifier', () => {
  const classifier = parseClassifier(
    {
      type: 'classification',
      id: 'c',
      name: 'C',
      defaultIncidentType: 'Ticketing Ticket',
      keyTypeMap: { incident: 'Ticketing Ticket', sc_task: 'Ticketing Task' },
      transformer: { simple: 'sys_class_name', complex: null },
    },
    'classifier.json',
  );
  it('looks the transformer value up in keyTypeMap, else gives the default type', () => {
    expect(classify(classifier, { sys_class_name: 'sc_task' })).toEqual({
      type: 'Ticketing Task',
      key: 'sc_task',
    });
    expect(classify(classifier, { sys_class_name: 'problem' })).toEqual({
      type: 'Ticketing Ticket',
      key: 'problem',
    });
    expect(classify(classifier, {})).toEqual({ type: 'Ticketing Ticket', key: undefined });
  });
  it('refuses a pre-6.0 classifier and a mapper given as a classifier', () => {
    expect(() => parseClassifier({ id: 'old', keyTypeMap: {} }, 'old.json')).toThrow(
      /6\.0\+ classifier format/,
    );
    expect(() => parseClassifier(snowLikeIncoming, 'mapper.json')).toThrow(
      /mapper\.json: at type: expected "classification", got "mapping-incoming"/,
    );
  });
});

describe('mappers', () => {
  const mapper = parseMapper(snowLikeIncoming, 'mapping-incoming', 'incoming.json');

  it('maps a ServiceNow-shaped event: type rules override the catch-all per field', () => {
    const { fields, dontMapEventToLabels } = mapFields(mapper, 'Ticketing Ticket', event);
    expect(fields).toEqual({
      severity: '3',
      name: 'VPN down',
      'Close Notes': '',
      'Ticketing State': '2 - In Progress',
      'Ticket Number': 'INC0010001',
      'Sub Category': 'network',
      dbotMirrorDirection: 'Both',
      dbotMirrorId: 'a1b2',
      dbotMirrorInstance: 'snow_1',
      details: 'Users cannot connect',
    });
    expect(dontMapEventToLabels).toBe(false);
  });

  it('uses only the catch-all rules for another type', () => {
    expect(mapFields(mapper, 'Other', event)).toEqual({
      fields: { severity: '3', name: 'INC0010001', 'Close Notes': '' },
      dontMapEventToLabels: true,
    });
  });

  it('turns inline simple rules into a catch-all mapper', () => {
    const inline = fromSimpleRules({ severity: 'prio', origin: ".='x'" }, 'mapping-outgoing');
    expect(inline.kind).toBe('mapping-outgoing');
    expect(mapFields(inline, 'Any', { prio: 2 }).fields).toEqual({ severity: 2, origin: 'x' });
  });

  it('refuses an unknown operator when parsed, naming the operator, file and field', () => {
    const bad = structuredClone(snowLikeIncoming) as typeof snowLikeIncoming;
    (
      bad.mapping['Ticketing Ticket'].internalMapping['Ticketing State'].complex!.transformers[1] as {
        operator: string;
      }
    ).operator = 'toKlingon';
    let error: unknown;
    try {
      parseMapper(bad, 'mapping-incoming', 'incoming.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HarnessError);
    expect((error as Error).message).toMatch(
      /incoming\.json: at mapping\.Ticketing Ticket\.internalMapping\["Ticketing State"\]\.complex\.transformers\[1\]: unknown transformer operator "toKlingon"/,
    );
    const badFilter = {
      type: 'mapping-outgoing',
      mapping: {
        T: {
          internalMapping: {
            x: { complex: { root: 'a', filters: [[{ operator: 'isVeryAfter', left: {} }]] } },
          },
        },
      },
    };
    expect(() => parseMapper(badFilter, 'mapping-outgoing', 'out.json')).toThrow(
      /unknown filter operator "isVeryAfter"/,
    );
  });

  it('refuses DT expressions other than constants, wrong kinds and malformed shapes', () => {
    const dt = {
      type: 'mapping-incoming',
      mapping: { T: { internalMapping: { x: { simple: '.=val.a + 1' } } } },
    };
    expect(() => parseMapper(dt, 'mapping-incoming', 'dt.json')).toThrow(/DT expression; only constants/);
    expect(() => parseMapper(snowLikeIncoming, 'mapping-outgoing', 'in.json')).toThrow(
      /expected "mapping-outgoing", got "mapping-incoming".*incoming mapper; give it as the other one/,
    );
    expect(() =>
      parseMapper({ type: 'mapping-incoming', mapping: [] }, 'mapping-incoming', 'm.json'),
    ).toThrow(/at mapping: expected an object/);
    expect(() => parseMapper('nope', 'mapping-incoming', 'm.json')).toThrow(/expected a JSON object/);
  });
});

describe('labels and field names', () => {
  it('labels every top-level attribute, JSON-dumping non-strings and skipping nulls', () => {
    expect(eventLabels({ a: 'x', b: 2, c: { d: 1 }, e: null })).toEqual([
      { type: 'a', value: 'x' },
      { type: 'b', value: '2' },
      { type: 'c', value: '{"d":1}' },
    ]);
    expect(eventLabels('not an object')).toEqual([]);
  });

  it('resolves display names to system fields or cliNames', () => {
    const system = ['name', 'closeNotes', 'dbotMirrorId', 'severity'];
    expect(incidentFieldKey('Close Notes', system)).toEqual({ top: 'closeNotes' });
    expect(incidentFieldKey('dbotMirrorId', system)).toEqual({ top: 'dbotMirrorId' });
    expect(incidentFieldKey('ServiceNow State', system)).toEqual({ custom: 'servicenowstate' });
    expect(incidentFieldKey("Zendesk CC'd", system)).toEqual({ custom: 'zendeskccd' });
  });
});
