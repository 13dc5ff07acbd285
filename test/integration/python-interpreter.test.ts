import { describe, expect, it } from 'vitest';
import { checkPythonDeps, resolvePython } from '../../harness/runtime/python/index.ts';

describe('python interpreter', () => {
  it("defaults to Debian's /usr/bin/python3, not python3 from PATH", () => {
    expect(resolvePython()).toBe('/usr/bin/python3');
  });

  it('fails with runtime-missing and a hint when the explicit interpreter does not exist', () => {
    expect(() => resolvePython('/nowhere/python3')).toThrow(
      expect.objectContaining({
        code: 'runtime-missing',
        message: expect.stringContaining('Check --python / MIRRORLAB_PYTHON'),
      }),
    );
  });

  it('finds the modules CommonServerPython needs once setup has run', async () => {
    expect(await checkPythonDeps('/usr/bin/python3')).toEqual({ ok: true, missing: [], packages: [] });
  });
});
