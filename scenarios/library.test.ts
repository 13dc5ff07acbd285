// The scenario library (scenarios/*.yaml) as vitest tests: one test per file, with the
// XSOAR-to-XSOAR scenarios (two fake tenants, scenarios/xsoar-mirroring/).
import { fileURLToPath } from 'node:url';
import { defineScenarioTests } from '../harness/scenario/vitest.ts';

defineScenarioTests(['*.yaml', 'xsoar-mirroring/*.yaml'], {
  root: fileURLToPath(new URL('.', import.meta.url)),
  title: 'scenario library',
});
