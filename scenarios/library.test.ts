// The scenario library (scenarios/*.yaml) as vitest tests: one test per file.
import { fileURLToPath } from 'node:url';
import { defineScenarioTests } from '../harness/scenario/vitest.ts';

defineScenarioTests('*.yaml', {
  root: fileURLToPath(new URL('.', import.meta.url)),
  title: 'scenario library',
});
