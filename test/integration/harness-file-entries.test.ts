/**
 * File entries end to end through the engine with an in-process TypeScript integration: a file
 * mirrored in with fileResult keeps its bytes, an analyst's file entry goes out with
 * update-remote-system, and the integration reads both with demisto.getFilePath(entry id).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../harness/index.ts';
import {
  defineIntegration,
  fileResult,
  GetRemoteDataResponse,
} from '../../harness/runtime/typescript/index.ts';

const seen: { id: string; name: string; bytes: string; tags: unknown }[] = [];
const desk = defineIntegration({
  name: 'File Desk',
  commands: {
    'get-modified-remote-data': () => ({ Type: 1, Contents: ['T-1'], ContentsFormat: 'json' }),
    'get-remote-data': (demisto) => {
      const file = fileResult(demisto, 'from-remote.txt', 'remote bytes');
      return new GetRemoteDataResponse({ id: 'T-1' }, [{ ...file, Tags: ['FromDesk'] }]);
    },
    'update-remote-system': (demisto) => {
      const args = demisto.args() as {
        entries?: { id: string; type: number; tags: unknown }[];
        remoteId: string;
      };
      for (const entry of args.entries ?? []) {
        const file = demisto.getFilePath(entry.id);
        seen.push({
          id: entry.id,
          name: file.name,
          bytes: readFileSync(file.path, 'utf8'),
          tags: entry.tags,
        });
      }
      return args.remoteId;
    },
  },
});

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ instances: { desk_1: { integration: desk } } });
  await harness.incidents.create({
    name: 'with files',
    dbotMirrorId: 'T-1',
    dbotMirrorDirection: 'Both',
    dbotMirrorInstance: 'desk_1',
    // Only entries tagged with one of these go out (policy outgoingEntries: mirror-tags).
    dbotMirrorTags: ['ToDesk'],
  });
});
afterAll(async () => {
  await harness.close();
});

it('keeps the bytes of a mirrored-in file entry and hands both kinds to getFilePath', async () => {
  await harness.mirror();
  const [incident] = harness.incidents.list();
  const mirrored = harness.incidents.entries(incident!.id).find((e) => e.File === 'from-remote.txt')!;
  expect(mirrored).toMatchObject({ Type: 3, Tags: ['FromDesk'], source: 'mirror-in' });
  expect(readFileSync(mirrored.filePath!, 'utf8')).toBe('remote bytes');

  const added = await harness.incidents.addEntry(incident!.id, {
    contents: '',
    file: { name: 'iocs.csv', content: 'ip,1.2.3.4' },
    tags: ['ToDesk'],
  });
  expect(added).toMatchObject({ Type: 3, File: 'iocs.csv', FileID: expect.any(String) });
  await harness.mirror();
  expect(seen).toEqual([{ id: added.id, name: 'iocs.csv', bytes: 'ip,1.2.3.4', tags: ['ToDesk'] }]);
});

it('refuses a file name with a folder in it and adds nothing', async () => {
  const [incident] = harness.incidents.list();
  const before = harness.incidents.entries(incident!.id).length;
  await expect(
    harness.incidents.addEntry(incident!.id, { contents: '', file: { name: '../escape.txt', content: 'x' } }),
  ).rejects.toThrow(/needs a plain name/);
  expect(harness.incidents.entries(incident!.id)).toHaveLength(before);
});
