// The vitest adapter on the runner's own fixtures: one test per file, the expectFailure one included
// (it passes because it fails as expected). The Python twin needs python3 with requests.
import { fileURLToPath } from 'node:url';
import { defineScenarioTests } from '../../harness/scenario/vitest.ts';

defineScenarioTests(['fixtures/scenarios/ok', 'fixtures/scenarios/mirror'], {
  root: fileURLToPath(new URL('..', import.meta.url)),
  title: 'scenario fixtures through defineScenarioTests',
});
