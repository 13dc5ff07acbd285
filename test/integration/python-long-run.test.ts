import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPythonRunner } from '../../harness/runtime/python/index.ts';
import { fixtureRequest, PYTHON_FIXTURES } from '../support/python-fixtures.ts';

/** A content tree of its own: a stand-in CommonServerPython with the real one's WarningsHandler. */
const PROBE = join(
  PYTHON_FIXTURES,
  'csp_chain',
  'Packs',
  'Chain',
  'Integrations',
  'ChainProbe',
  'ChainProbe.py',
);
const runners = {
  reexec: createPythonRunner({ fork: false, preExecute: false }),
  'one pre-executing re-exec': createPythonRunner({ fork: false, alternate: false }),
  'paired pre-executing re-exec (the default)': createPythonRunner({ fork: false }),
  zygote: createPythonRunner({ fork: true }),
};
afterAll(() => Promise.all(Object.values(runners).map((r) => r.close())));

const request = fixtureRequest(PROBE, 'probe', { instance: 'chain', investigationId: '7' });

describe.each(Object.keys(runners) as (keyof typeof runners)[])(
  'python %s worker: a long run of commands',
  (mode) => {
    it("keeps no earlier command's CommonServerPython alive, and each command's warning handler in place", async () => {
      const runner = runners[mode];
      // The default's second worker joins after commands sent back to back, once started: go on
      // until it ran a few too.
      const pids = new Map<number, number>();
      const enough = () =>
        mode.startsWith('paired') ? [...pids.values()].filter((n) => n >= 4).length < 2 : pids.size === 0;
      for (let i = 0; i < 6 || enough(); i++) {
        if (i > 5000) throw new Error('the second worker never took a command');
        const result = await runner.run(request);
        expect(result.outcome, result.error).toBe('ok');
        const { handlers_alive, pid } = result.entries[0]?.Contents as {
          handlers_alive: number;
          pid: number;
        };
        expect(handlers_alive).toBe(1);
        pids.set(pid, (pids.get(pid) ?? 0) + 1);
        expect(result.logs.filter((l) => l.message.startsWith('python warning:'))).toEqual([
          { level: 'info', message: 'python warning: still routed' },
        ]);
      }
    });
  },
);
