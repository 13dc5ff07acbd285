/**
 * Classifier and mapper files as the harness loads them: by path, from a pack's Classifiers folder
 * by the ids an integration YAML names, and the errors a bad or missing file gets.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClassifier, loadMapper, loadPackDefaults } from '../../harness/content/index.ts';
import { createHarness } from '../../harness/index.ts';
import { defineIntegration } from '../../harness/runtime/typescript/index.ts';

let root: string;
const pack = () => join(root, 'Packs', 'Desk');
const classifier = {
  type: 'classification',
  id: 'Desk',
  defaultIncidentType: 'Desk Ticket',
  keyTypeMap: {},
  transformer: { simple: 'kind' },
};
const incoming = {
  type: 'mapping-incoming',
  id: 'Desk-in',
  mapping: {
    dbot_classification_incident_type_all: {
      internalMapping: { name: { simple: 'title' }, 'Desk State': { simple: 'state' } },
    },
  },
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mapping-files-'));
  await mkdir(join(pack(), 'Classifiers'), { recursive: true });
  await mkdir(join(pack(), 'Integrations', 'Desk'), { recursive: true });
  await writeFile(join(pack(), 'Classifiers', 'classifier-Desk.json'), JSON.stringify(classifier));
  await writeFile(
    join(pack(), 'Classifiers', 'classifier-mapper-incoming-Desk.json'),
    JSON.stringify(incoming),
  );
  await writeFile(join(pack(), 'Classifiers', 'broken.json'), '{ not json');
  await writeFile(
    join(root, 'bad-operator.json'),
    JSON.stringify({
      ...incoming,
      mapping: {
        T: { internalMapping: { x: { complex: { root: 'a', transformers: [{ operator: 'Klingon' }] } } } },
      },
    }),
  );
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loading by path', () => {
  it('reads a classifier and a mapper relative to the base folder', async () => {
    expect(
      (await loadClassifier('Packs/Desk/Classifiers/classifier-Desk.json', root)).defaultIncidentType,
    ).toBe('Desk Ticket');
    const mapper = await loadMapper(
      'Packs/Desk/Classifiers/classifier-mapper-incoming-Desk.json',
      'mapping-incoming',
      root,
    );
    expect(Object.keys(mapper.mapping.dbot_classification_incident_type_all!.internalMapping)).toEqual([
      'name',
      'Desk State',
    ]);
  });

  it('names the file in every error: missing, not JSON, unknown operator, wrong kind', async () => {
    await expect(loadClassifier('nope.json', root)).rejects.toThrow(
      /failed to read classifier ".*nope\.json": ENOENT/,
    );
    await expect(loadMapper('Packs/Desk/Classifiers/broken.json', 'mapping-incoming', root)).rejects.toThrow(
      /broken\.json": not JSON/,
    );
    await expect(loadMapper('bad-operator.json', 'mapping-incoming', root)).rejects.toThrow(
      /bad-operator\.json: at .*unknown transformer operator "Klingon"/,
    );
    await expect(
      loadMapper('Packs/Desk/Classifiers/classifier-Desk.json', 'mapping-outgoing', root),
    ).rejects.toThrow(/expected "mapping-outgoing", got "classification"/);
  });

  it('turns inline simple rules into a mapper', async () => {
    const mapper = await loadMapper({ severity: 'prio' }, 'mapping-incoming', root);
    expect(mapper.mapping.dbot_classification_incident_type_all!.internalMapping.severity).toEqual({
      simple: 'prio',
      complex: null,
    });
  });
});

describe('pack defaults named by the integration YAML', () => {
  const manifest = (over: object = {}) => ({
    defaultClassifier: 'Desk',
    defaultMapperIn: 'Desk-in',
    defaultMapperOut: 'Desk-out',
    path: join(pack(), 'Integrations', 'Desk', 'Desk.yml'),
    ...over,
  });

  it('finds them by id in <pack>/Classifiers and lists the ones that are not there', async () => {
    const { mapping, missing } = await loadPackDefaults(manifest());
    expect(mapping.classifier?.id).toBe('Desk');
    expect(mapping.incoming?.id).toBe('Desk-in');
    expect(mapping.outgoing).toBeUndefined();
    expect(missing).toEqual(['outgoing mapper "Desk-out"']);
  });

  it('applies them to an instance, and explicit options win', async () => {
    const yml = join(pack(), 'Integrations', 'Desk', 'Desk.yml');
    await writeFile(
      yml,
      'commonfields: { id: Desk }\nname: Desk\ndisplay: Desk\nconfiguration: []\ndefaultclassifier: Desk\ndefaultmapperin: Desk-in\nscript: { type: python, script: "", isfetch: true, commands: [] }\n',
    );
    await writeFile(join(pack(), 'Integrations', 'Desk', 'Desk.py'), 'import demistomock as demisto\n');
    const harness = await createHarness({
      instances: {
        desk_1: { integration: yml },
        desk_2: { integration: yml, mapper: { incoming: { name: 'other' } } },
      },
    });
    try {
      expect(harness.world().instances.desk_1!.mapping.incoming?.id).toBe('Desk-in');
      expect(harness.world().instances.desk_1!.mapping.classifier?.id).toBe('Desk');
      expect(harness.world().instances.desk_2!.mapping.incoming?.id).toBe('inline');
    } finally {
      await harness.close();
    }
  });
});

it('a TypeScript integration instance takes a classifier and mapper by path', async () => {
  const desk = defineIntegration({
    commands: {
      'fetch-incidents': (d) =>
        d.incidents([
          { name: 'raw', rawJSON: JSON.stringify({ kind: 'x', title: 'Mapped title', state: 'open' }) },
        ]),
    },
  });
  const harness = await createHarness({
    instances: {
      desk_1: {
        integration: desk,
        classifier: 'Packs/Desk/Classifiers/classifier-Desk.json',
        mapper: { incoming: 'Packs/Desk/Classifiers/classifier-mapper-incoming-Desk.json' },
        baseDir: root,
      },
    },
  });
  try {
    await harness.fetch('desk_1');
    expect(harness.incidents.list()[0]).toMatchObject({
      name: 'Mapped title',
      type: 'Desk Ticket',
      CustomFields: { deskstate: 'open' },
    });
  } finally {
    await harness.close();
  }
});
