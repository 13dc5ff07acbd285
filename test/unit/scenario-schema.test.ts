import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STEP_VERBS } from '../../harness/scenario/schema.ts';
import {
  renderScenarioJsonSchema,
  SCHEMA_FILE,
  writeScenarioJsonSchema,
} from '../../harness/scenario/write-schema.ts';

describe('the shipped JSON Schema', () => {
  it('is generated from the zod source (run with UPDATE_SCHEMA=1 to refresh it)', async () => {
    const fresh = renderScenarioJsonSchema();
    if (process.env.UPDATE_SCHEMA) await writeScenarioJsonSchema();
    // Compared as data, so formatting the file (prettier) does not make it stale.
    expect(
      JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')),
      'scenarios/schema.json is stale: run UPDATE_SCHEMA=1 npx vitest run test/unit/scenario-schema.test.ts',
    ).toEqual(JSON.parse(fresh));
  });

  it('offers every step verb and allows exactly one per step', () => {
    const schema = JSON.parse(renderScenarioJsonSchema()) as {
      properties: { steps: { items: { properties: object; minProperties: number; maxProperties: number } } };
    };
    const step = schema.properties.steps.items;
    expect(Object.keys(step.properties)).toEqual([...STEP_VERBS]);
    expect([step.minProperties, step.maxProperties]).toEqual([1, 1]);
  });
});
