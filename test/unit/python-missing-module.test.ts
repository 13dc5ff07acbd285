/** A module an integration imports and the interpreter lacks is one line naming its Debian package. */
import { describe, expect, it } from 'vitest';
import { classifyOutcome } from '../../harness/runtime/python/outcome.ts';
import { packageForModule } from '../../harness/runtime/python/index.ts';

const failed = (message: string, integration?: string) =>
  classifyOutcome(
    'fetch-incidents',
    [],
    {
      status: 'exception',
      exceptionType: 'ModuleNotFoundError',
      message,
      traceback: 'Traceback (most recent call last):\n  File "JiraV3.py", line 11, in <module>',
    },
    integration,
  );

describe('a missing module', () => {
  it("names python3-bs4 for Jira V3's bs4 and the setup command for the integration, in one line", () => {
    const { outcome, error } = failed("No module named 'bs4'", 'Packs/Jira/Integrations/JiraV3/JiraV3.yml');
    expect(outcome).toBe('exception');
    expect(error).toBe(
      'python: failed to import bs4: the module is not installed for this interpreter. Run `mirrorlab setup --integration Packs/Jira/Integrations/JiraV3/JiraV3.yml` or: apt-get install -y python3-bs4',
    );
  });

  it('quotes an integration path with spaces as one shell word', () => {
    expect(failed("No module named 'bs4'", "/my content/it's.py").error).toContain(
      "mirrorlab setup --integration '/my content/it'\\''s.py'",
    );
  });

  it('says when no Debian package is known instead of guessing one', () => {
    const { error } = failed("No module named 'slack_sdk'", 'Slack.py');
    expect(error).toBe(
      'python: failed to import slack_sdk: the module is not installed for this interpreter, and no Debian package is known to provide it. Install slack_sdk for this interpreter by hand; `mirrorlab setup --integration Slack.py` lists what else is missing.',
    );
  });

  it('names the top-level package of a submodule, and Debian names for the rest', () => {
    expect(failed("No module named 'yaml.constructor'").error).toContain('apt-get install -y python3-yaml');
    expect(failed("No module named 'Cryptodome'").error).toContain('python3-pycryptodome');
    expect(packageForModule('some_module', [3, 11])).toBeUndefined();
    // Debian's python3-pycryptodome installs the Cryptodome namespace; pycrypto's Crypto has no package.
    expect(packageForModule('Crypto', [3, 11])).toBeUndefined();
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
