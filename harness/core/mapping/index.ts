export * from './types.ts';
export { getPath } from './path.ts';
export { FILTERS, isFilter } from './filters.ts';
export { TRANSFORMERS, isTransformer } from './transformers.ts';
export { classify, evaluateRule, eventLabels, incidentFieldKey, mapFields } from './evaluate.ts';
export { fromSimpleRules, parseClassifier, parseMapper } from './parse.ts';
