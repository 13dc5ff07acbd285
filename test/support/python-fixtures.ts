/** What the Python runtime tests share: requests for the fixture integrations, and what they report. */
import { isAbsolute, join } from 'node:path';
import type { RunRequest } from '../../harness/core/index.ts';

export const PYTHON_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'python');

/** The zygote tests' content tree: a stand-in CommonServerPython with the real one's kinds of import-time code. */
const PROBE_INTEGRATIONS = join(PYTHON_FIXTURES, 'zygote', 'Packs', 'Probe', 'Integrations');
export const ZYGOTE_PROBE = join(PROBE_INTEGRATIONS, 'ZygoteProbe', 'ZygoteProbe.py');
/** The same probe as a unified YAML (CommonServerPython joined in front of the script). */
export const UNIFIED_PROBE = join(PROBE_INTEGRATIONS, 'UnifiedProbe', 'UnifiedProbe.yml');

/** A request for a fixture integration (a name under test/fixtures/python, or an absolute path). */
export function fixtureRequest(
  integration: string,
  command: string,
  extra: Partial<RunRequest> = {},
): RunRequest {
  return {
    instance: `inst-${integration}`,
    brand: 'Fixture',
    integration: isAbsolute(integration) ? integration : join(PYTHON_FIXTURES, integration),
    command,
    args: {},
    params: { url: 'http://127.0.0.1:1' },
    version: { version: '6.12.0', buildNumber: '12345', platform: 'xsoar' },
    state: { lastRun: {}, lastMirrorRun: null, integrationContext: { context: { n: 1 }, version: 3 } },
    investigationId: '77',
    isDebug: false,
    timeoutMs: 10_000,
    tz: 'UTC',
    ...extra,
  };
}

/**
 * What test/fixtures/python/isolation.py reports for a command that starts clean: the module-level
 * counter at 1 (globals not carried over), no variable or module attribute left by an earlier
 * command, an empty working directory, the requested TZ, and only the scrubbed environment.
 */
export function freshCommandProbe(tz: string) {
  return {
    counter: 1,
    env: null,
    module_attr: null,
    cwd_files: [],
    tz,
    environ_keys: [
      'LANG',
      'LC_ALL',
      'PATH',
      'PYTHONIOENCODING',
      'PYTHONPYCACHEPREFIX',
      'PYTHONUNBUFFERED',
      'TZ',
    ],
  };
}
