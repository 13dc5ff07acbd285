/**
 * Reading the `fields` object of a create or edit request into a patch of the stored issue, with
 * Jira's field errors. Shapes are those Jira V3 sends (JiraV3.py: `ISSUE_FIELDS_CREATE_MAPPER` and
 * `create_issue_fields`): `project.key|id`, `issuetype.name|id`, `summary`, `description` /
 * `environment` (ADF in v3, text in v2), `labels`, `priority.name|id`, `duedate`,
 * `assignee.accountId`, `reporter.accountId`, `components[].name`, `customfield_*`.
 * `status` is not a field: changing it takes a transition, as on the real site.
 */
import { adfProblem, toAdf, type AdfDoc } from './adf.ts';
import { fieldError, NOT_ADF } from './errors.ts';
import { idOf, ISSUE_TYPES, PRIORITIES, type JiraState, type StoredIssue } from './model.ts';

export type ApiVersion = '2' | '3';

export type IssuePatch = Partial<
  Pick<
    StoredIssue,
    | 'projectKey'
    | 'issueType'
    | 'summary'
    | 'description'
    | 'environment'
    | 'priority'
    | 'labels'
    | 'components'
    | 'duedate'
    | 'assignee'
    | 'reporter'
  >
> & { custom?: Record<string, unknown> };

const object = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

function document(field: string, value: unknown, version: ApiVersion): AdfDoc | null {
  if (value === null) return null;
  if (version === '2') {
    if (typeof value !== 'string') throw fieldError(field, `The ${field} must be a string.`);
    return toAdf(value);
  }
  if (adfProblem(value) !== null) throw fieldError(field, NOT_ADF);
  return value as AdfDoc;
}

function named(field: string, value: unknown, names: readonly string[]): string {
  const o = object(value);
  const hit = o && names.find((n) => n === o.name || idOf(names, n) === String(o.id));
  if (!hit) throw fieldError(field, `Specify a valid '${field}' (${names.join(', ')}) by name or id.`);
  return hit;
}

function person(state: JiraState, field: string, value: unknown): string | null {
  if (value === null) return null;
  const id = object(value)?.accountId;
  if (typeof id !== 'string' || !state.users.some((u) => u.accountId === id))
    throw fieldError(
      field,
      `Specify a valid value for ${field}: { "accountId": "<an existing account id>" }.`,
    );
  return id;
}

function strings(field: string, value: unknown, pick: (v: unknown) => unknown = (v) => v): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof pick(v) !== 'string'))
    throw fieldError(
      field,
      `The ${field} must be a list${field === 'components' ? ' of { "name": … }' : ' of strings'}.`,
    );
  return value.map((v) => pick(v) as string);
}

export function toIssuePatch(
  fields: unknown,
  state: JiraState,
  version: ApiVersion,
  mode: 'create' | 'edit',
): IssuePatch {
  const input = object(fields);
  if (!input) throw fieldError('fields', 'The request must have a "fields" object.');
  const patch: IssuePatch = {};
  for (const [name, value] of Object.entries(input)) {
    switch (name) {
      case 'project': {
        if (mode === 'edit')
          throw fieldError('project', "Field 'project' cannot be set. Move the issue instead.");
        const o = object(value);
        const project = state.projects.find((p) => p.key === o?.key || p.id === String(o?.id));
        if (!project) throw fieldError('project', 'Specify a valid project ID or key');
        patch.projectKey = project.key;
        break;
      }
      case 'issuetype':
        patch.issueType = named('issuetype', value, ISSUE_TYPES);
        break;
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '')
          throw fieldError('summary', 'You must specify a summary of the issue.');
        if (value.length > 255) throw fieldError('summary', 'Summary must be less than 255 characters.');
        patch.summary = value;
        break;
      case 'description':
      case 'environment':
        patch[name] = document(name, value, version);
        break;
      case 'priority':
        patch.priority = named('priority', value, PRIORITIES);
        break;
      case 'labels':
        patch.labels = strings('labels', value);
        if (patch.labels.some((l) => /\s/.test(l)))
          throw fieldError('labels', 'The label must not contain spaces.');
        break;
      case 'components':
        patch.components = strings('components', value, (v) => object(v)?.name);
        break;
      case 'duedate':
        if (value !== null && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)))
          throw fieldError('duedate', "Error parsing date string: the due date must be 'yyyy-MM-dd'.");
        patch.duedate = value;
        break;
      case 'assignee':
        patch.assignee = person(state, name, value);
        break;
      case 'reporter': {
        const reporter = person(state, name, value);
        if (reporter === null) throw fieldError('reporter', 'Reporter is required.');
        patch.reporter = reporter;
        break;
      }
      default: {
        const custom = state.customFields.find((f) => f.id === name);
        if (!custom)
          throw fieldError(
            name,
            `Field '${name}' cannot be set. It is not on the appropriate screen, or unknown.`,
          );
        if (value !== null && custom.type === 'number' && typeof value !== 'number')
          throw fieldError(name, `Operation value must be a number.`);
        if (value !== null && custom.type === 'array' && !Array.isArray(value))
          throw fieldError(name, `Operation value must be an array.`);
        (patch.custom ??= {})[name] = value;
      }
    }
  }
  if (mode === 'create') {
    if (!patch.projectKey) throw fieldError('project', 'Specify a valid project ID or key');
    if (!patch.issueType) throw fieldError('issuetype', 'Specify an issue type');
    if (!patch.summary) throw fieldError('summary', 'You must specify a summary of the issue.');
  }
  return patch;
}
