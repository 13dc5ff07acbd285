/**
 * Jira as a scenario / createHarness remote (RemoteHandle), for the registry to pick up: issues are
 * addressed by key (SOC-1) or id; `close` is the transition to Done with `reason` as the
 * resolution, `reopen` the transition back to To Do; `comment` adds a comment as the API user (or
 * `author`, an account id); items are the issues as stored, comments and attachments theirs.
 * Instance params follow Jira V3's YAML: `server_url` is the gateway path the integration joins the
 * Cloud ID onto, `cloud_id`, and `basic_credentials` (email + API token).
 */
import { listen, type Json, type RemoteHandle, type StartRemote } from '../../shared/index.ts';
import { createJira } from './create-jira.ts';
import type { IssueInput } from './issue-input.ts';
import type { JiraState } from './model.ts';

export const startJiraRemote: StartRemote = async (name, settings, options) => {
  const jira = await createJira({
    clock: options.clock,
    ...(settings.username !== undefined ? { email: settings.username } : {}),
    ...(settings.password !== undefined ? { apiToken: settings.password } : {}),
    ...(settings.clientId !== undefined
      ? { oauth: { clientId: settings.clientId, clientSecret: settings.clientSecret ?? '' } }
      : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.tickets !== undefined
      ? {
          tickets:
            typeof settings.tickets === 'number' ? settings.tickets : (settings.tickets as IssueInput[]),
        }
      : {}),
    ...(settings.rateLimit ? { rateLimit: settings.rateLimit } : {}),
  });
  if (options.saved !== undefined) jira.restore(options.saved as unknown as JiraState);
  const server = await listen(jira.app(), options.port !== undefined ? { port: options.port } : {});
  const ref = (id: string | number | undefined) => String(id);
  const handle: RemoteHandle = {
    name,
    kind: 'jira',
    url: server.url,
    instanceParams: (w) => ({
      // urljoin("<url>/ex/jira/", cloud_id) → "<url>/ex/jira/<cloud_id>", where the fake serves the API.
      [w.urlParam ?? 'server_url']: `${server.url}/ex/jira/`,
      cloud_id: jira.cloudId,
      [w.keyParam ?? 'basic_credentials']: { identifier: jira.email, password: jira.apiToken },
    }),
    act(action) {
      if (action.create !== undefined) jira.issues.create(action.create as IssueInput);
      else if (action.update !== undefined)
        jira.issues.update(ref(action.update), (action.fields ?? {}) as IssueInput);
      else if (action.comment !== undefined)
        jira.issues.comment(ref(action.comment), action.body ?? '', action.author);
      else if (action.close !== undefined) jira.issues.transition(ref(action.close), 'Done', action.reason);
      else if (action.reopen !== undefined) jira.issues.transition(ref(action.reopen), 'To Do');
      else if (action.delete !== undefined) jira.issues.remove(ref(action.delete));
      else if (action.rateLimit !== undefined) jira.setRateLimit(action.rateLimit);
      else if (action.attach !== undefined)
        jira.issues.attach(ref(action.attach), {
          filename: action.name ?? 'file.txt',
          content: action.body ?? '',
        });
    },
    addFault: (fault) => jira.faults.add(fault),
    clearFaults: () => jira.faults.clear(),
    items: () => jira.issues.list(),
    item: (id) => jira.issues.get(id),
    comments: (id) => jira.issues.comments(id),
    attachments: (id) => jira.issues.attachments(id),
    snapshot: () => jira.snapshot() as unknown as Json,
    restore: (state) => jira.restore(state as unknown as JiraState),
    async close() {
      await server.close();
      await jira.flush();
    },
  };
  return handle;
};
