/** `remotes:` as the registry shapes it: each kind's own settings and actions, module-path kinds. */
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario } from '../../harness/scenario/index.ts';

function issues(lines: string[]): string[] {
  const { issues } = parseScenario(['name: kinds', ...lines].join('\n'), {
    file: '/tmp/kinds.yaml',
    displayPath: 'kinds.yaml',
    exists: () => true,
  });
  return issues.map(formatIssue);
}

describe('scenario remotes from the registry', () => {
  it("takes each built-in kind's own settings", () => {
    expect(
      issues([
        'remotes:',
        '  zd: { kind: zendesk, email: a@b.example, apiToken: t, oauthToken: o, tickets: 2 }',
        '  snow: { kind: servicenow, username: u, password: p }',
        '  desk: { kind: helpdesk, apiKey: k }',
        'steps: [{ advance: 1m }]',
      ]),
    ).toEqual([]);
  });

  it('takes hosts to redirect on any kind, as bare host names only', () => {
    expect(
      issues([
        'remotes:',
        '  j: { kind: jira, hosts: [api.atlassian.com, auth.atlassian.com] }',
        "  desk: { kind: helpdesk, hosts: ['https://api.example.test', 'api.example.test:443'] }",
        'steps: [{ advance: 1m }]',
      ]),
    ).toEqual([
      'kinds.yaml:4:35: remotes.desk.hosts[0]: expected a host name such as api.atlassian.com',
      'kinds.yaml:4:63: remotes.desk.hosts[1]: expected a host name such as api.atlassian.com',
    ]);
  });

  it("names a setting of another kind as that kind's, and suggests for a typo", () => {
    expect(
      issues(['remotes:', '  desk: { kind: helpdesk, apiToken: t, apikey: k }', 'steps: [{ advance: 1m }]']),
    ).toEqual([
      'kinds.yaml:3:27: "apiToken" is a zendesk / jira setting; a helpdesk remote does not take it',
      'kinds.yaml:3:40: unknown helpdesk remote setting "apikey"; did you mean "apiKey"?',
    ]);
  });

  it("refuses an action the kind does not take, and an extra the kind's action does not", () => {
    expect(
      issues([
        'remotes: { desk: { kind: helpdesk }, zd: { kind: zendesk } }',
        'steps:',
        '  - remote: { desk: { attach: T-1, name: a.txt } }',
        '  - remote: { zd: { close: 1, reason: done } }',
      ]),
    ).toEqual([
      'kinds.yaml:4:23: a helpdesk remote cannot attach; it takes create, update, comment, close, reopen, delete, rateLimit',
      'kinds.yaml:5:31: "reason" does not go with close',
    ]);
  });

  it("accepts a module path as the kind, with the module's own settings", () => {
    expect(
      issues([
        'remotes: { pd: { kind: ./fakes/pagerduty.ts, token: t, seed: 3 } }',
        'steps: [{ remote: { pd: { create: { title: x } } } }]',
      ]),
    ).toEqual([]);
  });
});
