/**
 * `mirrorlab setup [--for python|start|test] [--integration FILE]... [--scenarios PATH]... [--dry-run]`:
 * what a user runs before testing Python integrations, and what `npm start` / `npm test` run in
 * this repository. `--integration` and `--scenarios` add what those integrations import.
 */
import { resolve } from 'node:path';
import { HarnessError } from '../core/index.ts';
import { isBuiltin, resolveBuiltin } from '../builtins.ts';
import { findScenarioFiles, formatIssue, loadScenarios } from '../scenario/index.ts';
import { runSetup, SETUP_PURPOSES, type SetupPurpose } from '../setup/index.ts';
import type { CliCommand, CliContext } from './command.ts';

const CONTENT_PREFIX = 'content:';

/**
 * The integration files the scenarios' instances run, resolved as `mirrorlab run` resolves them
 * (relative to the scenario, `content:` inside the content root, `builtin:`).
 */
async function scenarioIntegrations(
  inputs: readonly string[],
  contentRoot: string | undefined,
  ctx: CliContext,
): Promise<string[]> {
  if (inputs.length === 0) return [];
  const found = findScenarioFiles(inputs, ctx.cwd);
  if (found.unmatched.length > 0)
    throw new HarnessError(
      'invalid-input',
      `setup: failed to find scenario files: nothing matches ${found.unmatched.map((u) => `"${u}"`).join(', ')}. Pass .yaml files, directories or globs.`,
    );
  const { scenarios, issues } = await loadScenarios(found.files, { cwd: ctx.cwd });
  if (issues.length > 0) {
    for (const issue of issues) ctx.err(formatIssue(issue));
    throw new HarnessError(
      'invalid-input',
      `setup: failed to read ${issues.length} scenario problem(s); fix them first.`,
    );
  }
  const paths: string[] = [];
  for (const loaded of scenarios) {
    for (const instance of Object.values(loaded.scenario.instances ?? {})) {
      const named = instance.integration;
      if (isBuiltin(named)) paths.push(resolveBuiltin(named));
      else if (!named.startsWith(CONTENT_PREFIX)) paths.push(resolve(loaded.dir, named));
      else if (contentRoot)
        paths.push(resolve(contentRoot, named.slice(CONTENT_PREFIX.length).replace(/^\/+/, '')));
      // As `mirrorlab run` skips such a scenario, setup skips its integration, saying so.
      else
        ctx.out(
          `setup: skipped ${named} of ${loaded.displayPath}: no content root is set (--content-root or MIRRORLAB_CONTENT_ROOT)`,
        );
    }
  }
  return paths;
}

export const command: CliCommand = {
  name: 'setup',
  summary:
    'check and install what is missing: the python3 stack for Python integrations, and the modules named integrations import (Debian packages)',
  usage: 'mirrorlab setup',
  options: {
    for: {
      type: 'string',
      value: 'WHAT',
      default: 'python',
      description:
        'python (default: Python integrations), start (the demo: nothing) or test (this repository: python + chromium)',
    },
    integration: {
      type: 'string',
      multiple: true,
      value: 'FILE',
      description:
        "an integration (.py or .yml, or builtin:NAME) whose imports, and its YAML's docker image, say which modules to install too",
    },
    scenarios: {
      type: 'string',
      multiple: true,
      value: 'PATH',
      description:
        'scenario files, directories or globs: install what the integrations of their instances import',
    },
    'content-root': {
      type: 'string',
      value: 'DIR',
      description:
        'the demisto/content checkout for `content:` paths and ApiModules (default: MIRRORLAB_CONTENT_ROOT, or found above each integration)',
    },
    'dry-run': {
      type: 'boolean',
      default: false,
      description: 'say what would be installed, install nothing',
    },
  },
  async run(values, _positionals, ctx) {
    const purpose = values.for as SetupPurpose;
    if (!SETUP_PURPOSES.includes(purpose)) {
      ctx.err(
        `setup: failed to read --for: "${String(values.for)}" is not one of ${SETUP_PURPOSES.join(', ')}. Example: --for python.`,
      );
      return 2;
    }
    const rawRoot =
      (values['content-root'] as string | undefined) ?? (ctx.env.MIRRORLAB_CONTENT_ROOT || undefined);
    const contentRoot = rawRoot === undefined ? undefined : resolve(ctx.cwd, rawRoot);
    let integrations: string[];
    try {
      integrations = [
        ...((values.integration as string[] | undefined) ?? []).map((p) =>
          isBuiltin(p) ? resolveBuiltin(p) : resolve(ctx.cwd, p),
        ),
        ...(await scenarioIntegrations((values.scenarios as string[] | undefined) ?? [], contentRoot, ctx)),
      ];
    } catch (e) {
      if (!(e instanceof HarnessError)) throw e;
      ctx.err(e.message);
      return 2;
    }
    const report = await runSetup({
      purpose,
      dryRun: values['dry-run'] === true,
      integrations: [...new Set(integrations)],
      ...(contentRoot !== undefined ? { contentRoot } : {}),
      cwd: ctx.cwd,
      env: ctx.env,
      out: ctx.out,
      err: ctx.err,
      signal: ctx.signal,
    }).catch((e: unknown) => {
      if (!(e instanceof HarnessError)) throw e;
      ctx.err(e.message);
      return undefined;
    });
    if (!report) return 2;
    return report.ok ? 0 : 1;
  },
};
