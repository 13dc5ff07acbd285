/**
 * Saved state (`--save-state DIR`, `from: DIR/<slug>`): `xsoar.json` holds `{ world, journal }`
 * (plus the virtual time it was saved at), `<remote>.json` each fake's snapshot. Plain JSON files,
 * so a bug reproduction can be attached to a ticket and replayed.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError, type Json, type JournalRecord, type World } from '../core/index.ts';
import { removeLeftoverTemps, writeFileAtomic } from '../store/index.ts';
import { REMOTE_NAME } from './check-scenario.ts';

export interface SavedXsoar {
  world: World;
  journal: JournalRecord[];
  /** Virtual time when saved (epoch ms): a scenario starting from this state resumes there. */
  now?: number;
  savedAt?: string;
}

export interface SavedScenarioState {
  xsoar: SavedXsoar;
  remotes: Record<string, Json>;
}

/** Remote names are file names here; the loader refuses others, API callers get this error. */
function remoteFile(dir: string, name: string): string {
  if (!REMOTE_NAME.test(name))
    throw new HarnessError(
      'invalid-input',
      `scenario: failed to use saved state for remote "${name}": not a safe file name. Name remotes with letters, digits, "_" and "-".`,
    );
  return join(dir, `${name}.json`);
}

async function writeJson(file: string, value: unknown): Promise<void> {
  // A reader never sees half a file; temp files a crash left behind go with the next write.
  await removeLeftoverTemps(file);
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

export async function writeSavedState(dir: string, state: SavedScenarioState): Promise<void> {
  const remotes = Object.entries(state.remotes).map(([name, snapshot]) => [remoteFile(dir, name), snapshot]);
  await mkdir(dir, { recursive: true });
  await writeJson(join(dir, 'xsoar.json'), state.xsoar);
  for (const [file, snapshot] of remotes) await writeJson(file as string, snapshot);
}

export async function readSavedState(dir: string, remotes: readonly string[]): Promise<SavedScenarioState> {
  const read = async (file: string): Promise<unknown> => {
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new HarnessError(
        'invalid-input',
        `scenario: failed to read saved state ${file}: ${(e as Error).message}. Save it again with mirrorlab run --save-state.`,
      );
    }
  };
  const xsoar = (await read(join(dir, 'xsoar.json'))) as SavedXsoar;
  if (
    typeof xsoar !== 'object' ||
    xsoar === null ||
    typeof xsoar.world !== 'object' ||
    !Array.isArray(xsoar.journal)
  ) {
    throw new HarnessError(
      'invalid-input',
      `scenario: failed to read saved state ${join(dir, 'xsoar.json')}: expected { world, journal }. Save it again with mirrorlab run --save-state.`,
    );
  }
  const saved: Record<string, Json> = {};
  for (const name of remotes) {
    const file = remoteFile(dir, name);
    if (existsSync(file)) saved[name] = (await read(file)) as Json;
  }
  return { xsoar, remotes: saved };
}
