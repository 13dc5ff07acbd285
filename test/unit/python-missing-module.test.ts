/** A module an integration imports and the interpreter lacks is one line naming its Debian package. */
import { describe, expect, it } from 'vitest';
import { classifyOutcome } from '../../harness/runtime/python/outcome.ts';
import { packageForModule } from '../../harness/setup/index.ts';

const failed = (message: string) =>
  classifyOutcome('fetch-incidents', [], {
    status: 'exception',
    exceptionType: 'ModuleNotFoundError',
    message,
    traceback: 'Traceback (most recent call last):\n  File "JiraV3.py", line 11, in <module>',
  });

describe('a missing module', () => {
  it("names python3-bs4 for Jira V3's bs4, in one line without the traceback", () => {
    const { outcome, error } = failed("No module named 'bs4'");
    expect(outcome).toBe('exception');
    expect(error).toBe(
      'python: failed to import bs4: the module is not installed for this interpreter. Run `mirrorlab setup` or: apt-get install -y python3-bs4',
    );
  });

  it('names the top-level package of a submodule, and Debian names for the rest', () => {
    expect(failed("No module named 'yaml.constructor'").error).toContain('apt-get install -y python3-yaml');
    expect(failed("No module named 'Crypto'").error).toContain('python3-pycryptodome');
    expect(packageForModule('some_module', [3, 11])).toBe('python3-some-module');
    expect(packageForModule('requests', [3, 11])).toBe('python3-requests');
  });

  it('keeps other exceptions as they are', () => {
    const other = classifyOutcome('test-module', [], {
      status: 'exception',
      exceptionType: 'ImportError',
      message: "cannot import name 'x' from 'y'",
    });
    expect(other.error).toBe("ImportError: cannot import name 'x' from 'y'");
  });
});
