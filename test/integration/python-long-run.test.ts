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
  'pre-executing re-exec': createPythonRunner({ fork: false, preExecute: true }),
  'alternating re-exec': createPythonRunner({ fork: false, alternate: true }),
  zygote: createPythonRunner({ fork: true }),
};
afterAll(() => Promise.all(Object.values(runners).map((r) => r.close())));

const request = fixtureRequest(PROBE, 'probe', { instance: 'chain', investigationId: '7' });

describe.each(Object.keys(runners) as (keyof typeof runners)[])(
  'python %s worker: a long run of commands',
  (mode) => {
    it("keeps no earlier command's CommonServerPython alive, and each command's warning handler in place", async () => {
      const runner = runners[mode];
      for (let i = 0; i < 6; i++) {
        const result = await runner.run(request);
        expect(result.outcome, result.error).toBe('ok');
        expect(result.entries[0]?.Contents).toEqual({ handlers_alive: 1 });
        expect(result.logs.filter((l) => l.message.startsWith('python warning:'))).toEqual([
          { level: 'info', message: 'python warning: still routed' },
        ]);
      }
    });
  },
);
