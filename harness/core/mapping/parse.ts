/**
 * Reading classifier and mapper JSON (as content packs ship them) into the typed rules the engine
 * runs. Everything is checked up front, so a bad file fails when it is loaded, naming the file, the
 * field and what is wrong — never halfway through a fetch. Unknown operators are refused here.
 */
import { HarnessError } from '../errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { CONSTANT } from './evaluate.ts';
import { isFilter, FILTERS } from './filters.ts';
import { isTransformer, TRANSFORMERS } from './transformers.ts';
import type {
  ArgValue,
  Classifier,
  ComplexRule,
  FieldRule,
  FilterCondition,
  Mapper,
  MapperKind,
  TransformerStep,
  TypeMapping,
} from './types.ts';

class Reader {
  constructor(
    private readonly source: string,
    private readonly what: string,
  ) {}

  fail(where: string, problem: string, hint = ''): never {
    throw new HarnessError(
      'invalid-input',
      `mapping: failed to read ${this.what} ${this.source}: ${where ? `at ${where}: ` : ''}${problem}.${hint ? ` ${hint}` : ''}`,
    );
  }

  string(value: Json | undefined, where: string, fallback = ''): string {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string') this.fail(where, `expected a string, got ${JSON.stringify(value)}`);
    return value;
  }

  rule(value: Json | undefined, where: string): FieldRule {
    if (value === undefined || value === null) return { simple: '', complex: null };
    if (typeof value === 'string') return this.simple(value, where);
    if (!isJsonObject(value)) this.fail(where, 'expected {"simple": …, "complex": …}');
    const simple = this.simple(this.string(value.simple, `${where}.simple`), `${where}.simple`).simple;
    const complex =
      value.complex === undefined || value.complex === null
        ? null
        : this.complex(value.complex, `${where}.complex`);
    return { simple, complex };
  }

  private simple(text: string, where: string): FieldRule {
    const t = text.trim();
    if (t.startsWith('.=') && !CONSTANT.test(t))
      this.fail(
        where,
        `"${text}" is a DT expression; only constants (.='text') are supported`,
        'Rewrite it as a complex rule with transformers, or a constant.',
      );
    return { simple: text, complex: null };
  }

  private arg(value: Json | undefined, where: string): ArgValue {
    if (value === undefined || value === null) return { value: null, isContext: false };
    if (!isJsonObject(value)) this.fail(where, 'expected {"value": …, "isContext": …}');
    return {
      value:
        value.value === undefined || value.value === null ? null : this.rule(value.value, `${where}.value`),
      isContext: value.isContext === true,
    };
  }

  private complex(value: Json, where: string): ComplexRule {
    if (!isJsonObject(value))
      this.fail(where, 'expected an object with root, accessor, filters, transformers');
    const filters = value.filters ?? [];
    if (!Array.isArray(filters)) this.fail(`${where}.filters`, 'expected a list of condition groups');
    const transformers = value.transformers ?? [];
    if (!Array.isArray(transformers)) this.fail(`${where}.transformers`, 'expected a list');
    return {
      root: this.string(value.root, `${where}.root`),
      accessor: this.string(value.accessor, `${where}.accessor`),
      filters: filters.map((group, g) => {
        const conditions = Array.isArray(group) ? group : [group];
        return conditions.map((c, i) => this.condition(c, `${where}.filters[${g}][${i}]`));
      }),
      transformers: transformers.map((t, i) => this.transformer(t, `${where}.transformers[${i}]`)),
    };
  }

  private condition(value: Json, where: string): FilterCondition {
    if (!isJsonObject(value)) this.fail(where, 'expected {"operator", "left", "right"}');
    const operator = this.string(value.operator, `${where}.operator`);
    if (!isFilter(operator))
      this.fail(
        where,
        `unknown filter operator "${operator}"`,
        `mirrorlab supports: ${Object.keys(FILTERS).join(', ')}.`,
      );
    return {
      operator,
      left: this.arg(value.left, `${where}.left`),
      ...(value.right !== undefined && value.right !== null
        ? { right: this.arg(value.right, `${where}.right`) }
        : {}),
      ignoreCase: value.ignoreCase === true || value.ignorecase === true,
    };
  }

  private transformer(value: Json, where: string): TransformerStep {
    if (!isJsonObject(value)) this.fail(where, 'expected {"operator", "args"}');
    const operator = this.string(value.operator, `${where}.operator`);
    if (!isTransformer(operator))
      this.fail(
        where,
        `unknown transformer operator "${operator}"`,
        `mirrorlab supports: ${Object.keys(TRANSFORMERS).join(', ')}.`,
      );
    const args: Record<string, ArgValue> = {};
    const raw = value.args ?? {};
    if (!isJsonObject(raw)) this.fail(`${where}.args`, 'expected an object');
    for (const [name, arg] of Object.entries(raw)) args[name] = this.arg(arg, `${where}.args.${name}`);
    return { operator, args };
  }
}

function topObject(json: unknown, reader: Reader): JsonObject {
  if (!isJsonObject(json as Json)) reader.fail('', 'expected a JSON object');
  return json as JsonObject;
}

export function parseClassifier(json: unknown, source: string): Classifier {
  const r: Reader = new Reader(source, 'classifier');
  const o = topObject(json, r);
  if (o.type !== 'classification')
    r.fail(
      'type',
      `expected "classification", got ${JSON.stringify(o.type ?? null)}`,
      o.type === undefined
        ? 'Only the 6.0+ classifier format is supported (pre-6.0 files have no "type").'
        : '',
    );
  const keyTypeMap: Record<string, string> = {};
  const rawMap = o.keyTypeMap ?? {};
  if (!isJsonObject(rawMap)) r.fail('keyTypeMap', 'expected an object { value: incident type }');
  for (const [k, v] of Object.entries(rawMap)) keyTypeMap[k] = r.string(v, `keyTypeMap.${k}`);
  return {
    id: r.string(o.id, 'id'),
    name: r.string(o.name, 'name'),
    defaultIncidentType: r.string(o.defaultIncidentType, 'defaultIncidentType'),
    keyTypeMap,
    transformer: r.rule(o.transformer, 'transformer'),
    source,
  };
}

export function parseMapper(json: unknown, expected: MapperKind, source: string): Mapper {
  const what = expected === 'mapping-incoming' ? 'incoming mapper' : 'outgoing mapper';
  const r: Reader = new Reader(source, what);
  const o = topObject(json, r);
  if (o.type !== expected)
    r.fail(
      'type',
      `expected "${expected}", got ${JSON.stringify(o.type ?? null)}`,
      o.type === 'mapping-incoming' || o.type === 'mapping-outgoing'
        ? `This file is ${o.type === 'mapping-incoming' ? 'an incoming' : 'an outgoing'} mapper; give it as the other one.`
        : 'Only the 6.0+ mapper format (type mapping-incoming / mapping-outgoing) is supported.',
    );
  const rawMapping = o.mapping;
  if (!isJsonObject(rawMapping))
    r.fail('mapping', 'expected an object { incident type: { internalMapping } }');
  const mapping: Record<string, TypeMapping> = {};
  for (const [type, entry] of Object.entries(rawMapping)) {
    if (!isJsonObject(entry)) r.fail(`mapping.${type}`, 'expected { dontMapEventToLabels, internalMapping }');
    const internal = entry.internalMapping ?? {};
    if (!isJsonObject(internal))
      r.fail(`mapping.${type}.internalMapping`, 'expected an object { field: rule }');
    const rules: Record<string, FieldRule> = {};
    for (const [field, rule] of Object.entries(internal))
      rules[field] = r.rule(rule, `mapping.${type}.internalMapping["${field}"]`);
    mapping[type] = { dontMapEventToLabels: entry.dontMapEventToLabels === true, internalMapping: rules };
  }
  return { id: r.string(o.id, 'id'), name: r.string(o.name, 'name'), kind: expected, mapping, source };
}

/** Inline simple rules `{ target: path | ".='const'" }` as a mapper for every incident type. */
export function fromSimpleRules(rules: Record<string, string>, kind: MapperKind): Mapper {
  return parseMapper(
    {
      type: kind,
      id: 'inline',
      name: 'inline rules',
      mapping: {
        dbot_classification_incident_type_all: {
          dontMapEventToLabels: true,
          internalMapping: Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, { simple: v }])),
        },
      },
    },
    kind,
    'inline rules',
  );
}
