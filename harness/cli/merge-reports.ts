/**
 * `mirrorlab merge-reports <report.json>...`: the JSON reports of a sharded run (`mirrorlab run
 * --shard i/n --reporter json --out …`) as one JUnit or JSON report; exit 1 when any scenario failed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatSummary, mergeReports, readJsonReport, toJsonReport, toJUnitXml } from '../scenario/index.ts';
import type { CliCommand } from './command.ts';

export const command: CliCommand = {
  name: 'merge-reports',
  summary: 'merge the JSON reports of sharded runs into one JUnit or JSON report',
  usage: 'mirrorlab merge-reports <report.json>...',
  options: {
    reporter: { type: 'string', value: 'NAME', default: 'junit', description: 'junit (default) or json' },
    out: { type: 'string', value: 'FILE', description: 'write the merged report to FILE (default: stdout)' },
  },
  async run(values, positionals, ctx) {
    const reporter = String(values.reporter);
    if (reporter !== 'junit' && reporter !== 'json') {
      ctx.err(`mirrorlab merge-reports: failed to pick reporter "${reporter}": use junit or json.`);
      return 2;
    }
    if (positionals.length === 0) {
      ctx.err(
        'mirrorlab merge-reports: failed to merge: no reports given. Example: mirrorlab merge-reports reports/*.json --out reports/all.xml',
      );
      return 2;
    }
    const reports = [];
    for (const file of positionals) {
      const text = await readFile(resolve(ctx.cwd, file), 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new Error(`merge-reports: failed to read ${file}: ${e.code ?? e.message}.`);
      });
      reports.push({ source: file, report: readJsonReport(text, file) });
    }
    const { results, summary } = mergeReports(reports);
    const text = reporter === 'junit' ? toJUnitXml(results, summary) : toJsonReport(results, summary);
    if (values.out !== undefined) {
      const out = resolve(ctx.cwd, String(values.out));
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, text);
      ctx.err(
        `mirrorlab merge-reports: ${positionals.length} reports, ${formatSummary(summary)} → ${String(values.out)}`,
      );
    } else ctx.out(text.trimEnd());
    return summary.ok ? 0 : 1;
  },
};
