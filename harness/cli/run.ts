/**
 * `mirrorlab run [paths...]`: load every scenario file (nothing runs if any is invalid: exit 2),
 * run them on the virtual clock, in worker processes when there are several, and report.
 * Exit codes: 0 all passed, 1 a scenario failed, 2 invalid input.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pythonWorkerMode } from '../runtime/index.ts';
import type { CliCommand } from './command.ts';
import {
  defaultWorkers,
  durationsOf,
  findScenarioFiles,
  formatFailureDetails,
  formatIssue,
  formatResultLine,
  formatSummary,
  loadScenarios,
  parseShard,
  readJsonReport,
  REPORTERS,
  runScenarios,
  selectShard,
  summarize,
  toJsonReport,
  toJUnitXml,
  type ReporterName,
} from '../scenario/index.ts';

const USAGE = 'mirrorlab run [paths...]';

export const command: CliCommand = {
  name: 'run',
  summary:
    'run scenario files (default: scenarios/) on the virtual clock; exit 1 on any failure, 2 on invalid input',
  usage: USAGE,
  options: {
    filter: { type: 'string', value: 'RE', description: 'run only scenarios whose name or file matches RE' },
    reporter: {
      type: 'string',
      value: 'NAME',
      default: 'console',
      description: 'console (default), junit or json',
    },
    out: {
      type: 'string',
      value: 'FILE',
      description: 'write the junit/json report to FILE (default: stdout)',
    },
    workers: {
      type: 'string',
      value: 'N',
      description: 'run in N worker processes (default: side by side in one process)',
    },
    'save-state': {
      type: 'string',
      value: 'DIR',
      description: 'write both sides of each scenario to DIR/<slug>/ for `from:`',
    },
    python: { type: 'string', value: 'PATH', description: 'python interpreter (default /usr/bin/python3)' },
    'content-root': {
      type: 'string',
      value: 'DIR',
      description: 'content checkout for content: paths and CommonServerPython (or MIRRORLAB_CONTENT_ROOT)',
    },
    shard: {
      type: 'string',
      value: 'I/N',
      description: 'run only slice I of N (CI matrices); every file lands in exactly one slice',
    },
    durations: {
      type: 'string',
      value: 'REPORT',
      description: 'balance --shard by the scenario durations of an earlier --reporter json report',
    },
    'require-content': {
      type: 'boolean',
      description: 'a scenario naming content: paths without a content checkout is an error, not skipped',
    },
  },
  async run(values, positionals, ctx) {
    const invalid = (message: string) => {
      ctx.err(`mirrorlab run: ${message}`);
      return 2;
    };
    const reporter = String(values.reporter ?? 'console');
    if (!(REPORTERS as readonly string[]).includes(reporter))
      return invalid(
        `failed to pick reporter "${reporter}": unknown reporter. Use one of ${REPORTERS.join(', ')}.`,
      );
    let filter: RegExp | undefined;
    if (values.filter !== undefined) {
      try {
        filter = new RegExp(String(values.filter), 'i');
      } catch (e) {
        return invalid(
          `failed to read --filter: ${(e as Error).message}. Pass a JavaScript regular expression.`,
        );
      }
    }
    let workers: number | undefined;
    if (values.workers !== undefined) {
      workers = Number(values.workers);
      if (!Number.isInteger(workers) || workers < 1)
        return invalid(
          `failed to read --workers "${String(values.workers)}": not a positive integer. Use e.g. --workers 2 (1 runs in-process).`,
        );
    }

    const inputs = positionals.length > 0 ? positionals : ['scenarios'];
    const found = findScenarioFiles(inputs, ctx.cwd);
    if (found.unmatched.length > 0)
      return invalid(
        `failed to find scenario files: nothing matches ${found.unmatched.map((u) => `"${u}"`).join(', ')}. Pass .yaml files, directories or globs.`,
      );

    const { scenarios, issues } = await loadScenarios(found.files, { cwd: ctx.cwd });
    if (issues.length > 0) {
      for (const issue of issues) ctx.err(formatIssue(issue));
      const files = new Set(issues.map((i) => i.file)).size;
      ctx.err(
        `mirrorlab run: ${issues.length} problem${issues.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing ran. Fix them and run again.`,
      );
      return 2;
    }
    const filtered = filter
      ? scenarios.filter((s) => filter.test(s.name) || filter.test(s.displayPath))
      : scenarios;
    if (filtered.length === 0)
      return invalid(
        `failed to select scenarios: --filter ${String(values.filter)} matches none of ${scenarios.length}.`,
      );
    let selected = filtered;
    if (values.shard !== undefined) {
      const shard = parseShard(String(values.shard));
      const durations =
        values.durations !== undefined
          ? durationsOf(
              readJsonReport(
                await readFile(resolve(ctx.cwd, String(values.durations)), 'utf8'),
                String(values.durations),
              ),
            )
          : undefined;
      const mine = new Set(
        selectShard(
          filtered.map((s) => s.displayPath),
          shard,
          durations,
        ),
      );
      selected = filtered.filter((s) => mine.has(s.displayPath));
      if (selected.length === 0) {
        ctx.out(
          `mirrorlab run: shard ${shard.index}/${shard.count} has no scenarios (${filtered.length} in all).`,
        );
        return 0;
      }
    } else if (values.durations !== undefined)
      return invalid('failed to read --durations: it only balances --shard i/n; add --shard.');

    // With a machine-readable report on stdout, progress goes to stderr so the report stays clean.
    const machineOnStdout = reporter !== 'console' && values.out === undefined;
    const progress = machineOnStdout ? ctx.err : ctx.out;
    const count = workers ?? defaultWorkers(selected.length);
    const lanes = Math.min(count, selected.length);
    const mode =
      workers !== undefined && lanes > 1
        ? ` in ${lanes} worker processes`
        : lanes > 1
          ? `, ${lanes} at a time`
          : '';
    progress(`mirrorlab run: ${selected.length} scenario${selected.length === 1 ? '' : 's'}${mode}`);
    const began = performance.now();
    // --content-root wins; MIRRORLAB_CONTENT_ROOT is the same setting for CI environments.
    const contentRoot =
      (values['content-root'] as string | undefined) ?? (ctx.env.MIRRORLAB_CONTENT_ROOT || undefined);
    const results = await runScenarios(selected, {
      workers: count,
      // An explicit --workers asks for worker processes (all cores, a few seconds of start-up each);
      // by default scenarios interleave in this process, which is faster for typical scenario files.
      isolation: workers !== undefined && workers > 1 ? 'processes' : 'in-process',
      cwd: ctx.cwd,
      signal: ctx.signal,
      ...(values['save-state'] !== undefined
        ? { saveStateDir: resolve(ctx.cwd, String(values['save-state'])) }
        : {}),
      ...(values.python !== undefined ? { python: String(values.python) } : {}),
      pythonWorkers: pythonWorkerMode(ctx.env),
      ...(contentRoot !== undefined ? { contentRoot: resolve(ctx.cwd, contentRoot) } : {}),
      ...(values['require-content'] === true ? { requireContent: true } : {}),
      onResult(result) {
        progress(formatResultLine(result));
        if (!result.ok || result.status === 'xfail') progress(formatFailureDetails(result));
      },
    });
    const summary = summarize(results, Math.round(performance.now() - began));
    progress(formatSummary(summary));

    const name = reporter as ReporterName;
    if (name !== 'console') {
      const text = name === 'junit' ? toJUnitXml(results, summary) : toJsonReport(results, summary);
      if (values.out !== undefined) {
        const file = resolve(ctx.cwd, String(values.out));
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, text);
        progress(`mirrorlab run: ${name} report written to ${String(values.out)}`);
      } else ctx.out(text.trimEnd());
    } else if (values.out !== undefined) {
      await writeFile(
        resolve(ctx.cwd, String(values.out)),
        `${results.map((r) => [formatResultLine(r), r.ok ? '' : formatFailureDetails(r)].filter(Boolean).join('\n')).join('\n')}\n${formatSummary(summary)}\n`,
      );
    }
    if (ctx.signal.aborted) {
      ctx.err(
        `mirrorlab run: interrupted by a signal after ${results.length} of ${selected.length} scenario${selected.length === 1 ? '' : 's'}; the rest did not run.`,
      );
      return 1;
    }
    return summary.ok ? 0 : 1;
  },
};
