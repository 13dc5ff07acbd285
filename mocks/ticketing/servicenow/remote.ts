/**
 * ServiceNow as a scenario / createHarness remote: records are addressed by sys_id or by number
 * (INC0010001); `comment` with `internal: true` is a work note; `close` takes `reason` as the close
 * code and `notes` as close notes; items are the incident table's records, comments their
 * sys_journal_field entries (comments and work notes), oldest first.
 */
import { listen, type Json, type RemoteHandle, type StartRemote } from '../../shared/index.ts';
import { createServicenow } from './create-servicenow.ts';
import type { ServicenowState } from './model.ts';

const TABLE = 'incident';

export const startServicenowRemote: StartRemote = async (name, settings, options) => {
  const oauth =
    settings.clientId !== undefined
      ? { clientId: settings.clientId, clientSecret: settings.clientSecret ?? '' }
      : undefined;
  const snow = await createServicenow({
    clock: options.clock,
    ...(settings.username !== undefined ? { username: settings.username } : {}),
    ...(settings.password !== undefined ? { password: settings.password } : {}),
    ...(oauth ? { oauth } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.tickets !== undefined ? { tickets: settings.tickets } : {}),
    ...(settings.rateLimit ? { rateLimit: settings.rateLimit } : {}),
  });
  if (options.saved !== undefined) snow.restore(options.saved as unknown as ServicenowState);
  const server = await listen(snow.app(), options.port !== undefined ? { port: options.port } : {});
  const sysIdOf = (ref: string | number | undefined): string => {
    const key = String(ref);
    const found = snow.records.list(TABLE).find((r) => r.sys_id === key || r.number === key);
    return found?.sys_id ?? key;
  };
  const handle: RemoteHandle = {
    name,
    kind: 'servicenow',
    url: server.url,
    adminToken: snow.adminToken,
    instanceParams: (w) => ({
      [w.urlParam ?? 'url']: server.url,
      [w.keyParam ?? 'credentials']: {
        identifier: oauth?.clientId ?? snow.username,
        password: oauth?.clientSecret ?? snow.password,
      },
    }),
    act(action) {
      if (action.create !== undefined) snow.records.create(TABLE, action.create);
      else if (action.update !== undefined)
        snow.records.update(TABLE, sysIdOf(action.update), action.fields ?? {});
      else if (action.comment !== undefined)
        snow.records.comment(TABLE, sysIdOf(action.comment), {
          body: action.body ?? '',
          workNote: action.internal === true,
          ...(action.author !== undefined ? { author: action.author } : {}),
        });
      else if (action.close !== undefined)
        snow.records.close(TABLE, sysIdOf(action.close), {
          ...(action.reason !== undefined ? { code: action.reason } : {}),
          ...(action.notes !== undefined ? { notes: action.notes } : {}),
        });
      else if (action.reopen !== undefined) snow.records.reopen(TABLE, sysIdOf(action.reopen));
      else if (action.delete !== undefined) snow.records.remove(TABLE, sysIdOf(action.delete));
      else if (action.rateLimit !== undefined) snow.setRateLimit(action.rateLimit);
      else if (action.attach !== undefined)
        snow.records.attach(TABLE, sysIdOf(action.attach), {
          name: action.name ?? 'file.txt',
          content: action.body ?? '',
        });
    },
    addFault: (fault) => snow.faults.add(fault),
    clearFaults: () => snow.faults.clear(),
    items: () => snow.records.list(TABLE),
    item: (id) => snow.records.get(TABLE, sysIdOf(id)),
    comments: (id) => snow.records.journal(TABLE, sysIdOf(id)),
    attachments: (id) => snow.records.attachments(TABLE, sysIdOf(id)),
    snapshot: () => snow.snapshot() as unknown as Json,
    restore: (state) => snow.restore(state as unknown as ServicenowState),
    async close() {
      await server.close();
      await snow.flush();
    },
  };
  return handle;
};
