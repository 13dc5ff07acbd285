export {
  loadClassifier,
  loadMapper,
  loadPackDefaults,
  type ClassifierInput,
  type MapperInput,
  type MapperKind,
  type PackDefaults,
} from './mapping-files.ts';
