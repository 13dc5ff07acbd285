/**
 * `GET /incidentfields` and `GET /incidenttype`: the server's field and type catalogue, derived
 * from the world (the fake has no content to install). XSOAR Mirroring's
 * `get_mapping_fields_command` (Packs/XSOARmirroring/Integrations/XSOARmirroring/XSOARmirroring.py)
 * reads, per field, `group` (0 = incident field), `cliName`, `name`, `type`, `system`, `content`,
 * `associatedToAll` and `associatedTypes`, and per type its `name`; the other keys follow the
 * `IncidentField` / `IncidentType` objects of the public swagger (demisto/demisto-py).
 */
import { Router } from 'express';
import type { Harness, Incident, Json } from '../../harness/index.ts';

/** System fields every incident has, with the server's field types. */
const SYSTEM_FIELDS: readonly (readonly [cliName: string, name: string, type: string])[] = [
  ['name', 'Name', 'shortText'],
  ['type', 'Type', 'shortText'],
  ['severity', 'Severity', 'number'],
  ['status', 'Status', 'number'],
  ['owner', 'Owner', 'user'],
  ['details', 'Details', 'longText'],
  ['occurred', 'Occurred', 'date'],
  ['created', 'Created', 'date'],
  ['modified', 'Modified', 'date'],
  ['closed', 'Closed', 'date'],
  ['closeReason', 'Close Reason', 'singleSelect'],
  ['closeNotes', 'Close Notes', 'longText'],
  ['phase', 'Phase', 'shortText'],
  ['labels', 'Labels', 'labels'],
  ['attachment', 'Attachments', 'attachments'],
];

/** Incident types every server ships, whatever the world holds. */
const BUILT_IN_TYPES = ['Unclassified'];

/** A custom field's server type, from the values the world holds. */
function typeOf(values: readonly Json[]): string {
  const v = values.find((x) => x !== null && x !== '');
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return 'multiSelect';
  if (typeof v === 'object' && v !== null) return 'grid';
  return 'shortText';
}

const field = (cliName: string, name: string, type: string, system: boolean, types: string[] | null) => ({
  id: `incident_${cliName.toLowerCase()}`,
  version: 1,
  cliName,
  name,
  type,
  group: 0,
  system,
  content: false,
  description: '',
  associatedToAll: types === null,
  associatedTypes: types,
  unsearchable: false,
});

/** Custom fields and types a tenant declares up front (`kind: xsoar` settings), before any incident uses them. */
export interface CatalogDeclarations {
  fields?: readonly {
    cliName: string;
    name?: string | undefined;
    type?: string | undefined;
    associatedTypes?: readonly string[] | undefined;
  }[];
  types?: readonly string[];
}

export function toIncidentFields(incidents: readonly Incident[], declared: CatalogDeclarations = {}) {
  const custom = new Map<string, { values: Json[]; types: Set<string> }>();
  for (const i of incidents)
    for (const [key, value] of Object.entries(i.CustomFields)) {
      const seen = custom.get(key) ?? { values: [], types: new Set<string>() };
      seen.values.push(value);
      seen.types.add(i.type);
      custom.set(key, seen);
    }
  const own = new Map((declared.fields ?? []).map((f) => [f.cliName, f]));
  const fields = [...own.values()].map((f) =>
    field(
      f.cliName,
      f.name ?? f.cliName,
      f.type ?? 'shortText',
      false,
      f.associatedTypes ? [...f.associatedTypes] : null,
    ),
  );
  for (const [cli, seen] of custom)
    if (!own.has(cli)) fields.push(field(cli, cli, typeOf(seen.values), false, [...seen.types].sort()));
  return [
    ...SYSTEM_FIELDS.map(([cli, name, type]) => field(cli, name, type, true, null)),
    ...fields.sort((a, b) => a.cliName.localeCompare(b.cliName)),
  ];
}

export function toIncidentTypes(harness: Harness, declared: CatalogDeclarations = {}) {
  const names = new Set([...BUILT_IN_TYPES, ...(declared.types ?? [])]);
  for (const instance of Object.values(harness.world().instances))
    if (instance.incidentType) names.add(instance.incidentType);
  for (const i of harness.incidents.list()) if (i.type) names.add(i.type);
  return [...names].sort().map((name) => ({
    id: name,
    version: 1,
    name,
    prevName: name,
    color: '#FF9000',
    playbookId: '',
    hours: 0,
    days: 0,
    weeks: 0,
    system: BUILT_IN_TYPES.includes(name),
    disabled: false,
    locked: false,
    readonly: false,
  }));
}

export function createCatalogRoutes(current: () => Harness, declared: CatalogDeclarations = {}): Router {
  const router = Router();
  router.get('/incidentfields', (_req, res) => {
    res.json(toIncidentFields(current().incidents.list(), declared));
  });
  router.get('/incidenttype', (_req, res) => {
    res.json(toIncidentTypes(current(), declared));
  });
  return router;
}
