/**
 * Classifiers and mappers in the format content packs ship (XSOAR 6.0+, contract.md §C). Only the
 * keys the engine reads are typed; the parsed files keep nothing else.
 */
import type { Json } from '../json.ts';

/** An argument of a transformer or a side of a filter: a rule of its own, literal or read from the event. */
export interface ArgValue {
  value: FieldRule | null;
  /** True: `value.simple` is a path into the event (context); false: a literal. */
  isContext: boolean;
}

export interface FilterCondition {
  operator: string;
  left: ArgValue;
  right?: ArgValue;
  ignoreCase: boolean;
}

export interface TransformerStep {
  operator: string;
  args: Record<string, ArgValue>;
}

export interface ComplexRule {
  root: string;
  accessor: string;
  /** AND of groups, each group an OR of conditions, applied to every item of the root value. */
  filters: FilterCondition[][];
  transformers: TransformerStep[];
}

export interface FieldRule {
  simple: string;
  complex: ComplexRule | null;
}

export interface Classifier {
  id: string;
  name: string;
  defaultIncidentType: string;
  keyTypeMap: Record<string, string>;
  transformer: FieldRule;
  source: string;
}

export interface TypeMapping {
  dontMapEventToLabels: boolean;
  /** Incident field (incoming) or remote field (outgoing) → rule. */
  internalMapping: Record<string, FieldRule>;
}

export type MapperKind = 'mapping-incoming' | 'mapping-outgoing';

export interface Mapper {
  id: string;
  name: string;
  kind: MapperKind;
  /** Per incident type, plus `dbot_classification_incident_type_all` for every type. */
  mapping: Record<string, TypeMapping>;
  source: string;
}

/** The catch-all incident type key of a mapper. */
export const ALL_TYPES = 'dbot_classification_incident_type_all';

/** What operators may need besides their input: the whole event, for `isContext` arguments. */
export interface EvalContext {
  event: Json;
}
