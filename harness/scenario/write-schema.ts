/**
 * scenarios/schema.json is generated from the zod source (schema.ts), so editors and the loader
 * agree. test/unit/scenario-schema.test.ts fails while the shipped file is stale and rewrites it
 * when run with UPDATE_SCHEMA=1.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toScenarioJsonSchema } from './schema.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../../scenarios/schema.json', import.meta.url));

export function renderScenarioJsonSchema(): string {
  return `${JSON.stringify(toScenarioJsonSchema(), null, 2)}\n`;
}

export async function writeScenarioJsonSchema(file = SCHEMA_FILE): Promise<void> {
  await writeFile(file, renderScenarioJsonSchema());
}
