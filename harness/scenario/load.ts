/**
 * Reads scenario files: YAML → zod schema → whole-file checks, with every problem reported as
 * `file:line:col: message` so a typo is fixed in seconds. Nothing runs unless every file loads.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import { HarnessError } from '../core/index.ts';
import { checkScenario } from './check-scenario.ts';
import { SCENARIO_LIMITS } from './limits.ts';
import { scenarioSchema, STEP_VERBS, type ScenarioFile, type ScenarioStep, type StepVerb } from './schema.ts';
import { createPositionIndex, type LineCol } from './yaml-positions.ts';
import { toPathIssues, type PathIssue } from './zod-issues.ts';

export interface ScenarioIssue extends LineCol {
  /** The file as the user named it (relative to the working directory). */
  file: string;
  message: string;
}

export interface LoadedStep extends LineCol {
  index: number;
  verb: StepVerb;
  step: ScenarioStep;
}

export interface LoadedScenario {
  /** Absolute path. */
  file: string;
  /** Path for messages (relative to the working directory). */
  displayPath: string;
  dir: string;
  name: string;
  /** File-system friendly name, for saved state directories and reports. */
  slug: string;
  scenario: ScenarioFile;
  steps: LoadedStep[];
}

export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.file}:${issue.line}:${issue.col}: ${issue.message}`;
}

export class ScenarioLoadError extends HarnessError {
  readonly issues: ScenarioIssue[];
  constructor(issues: ScenarioIssue[]) {
    super('invalid-input', issues.map(formatIssue).join('\n'), { issues });
    this.name = 'ScenarioLoadError';
    this.issues = issues;
  }
}

export function toSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'scenario';
}

export interface ParseOptions {
  /** Absolute path of the file (integration paths and `from` resolve against its directory). */
  file: string;
  displayPath?: string;
  exists?: (path: string) => boolean;
}

export function parseScenario(
  text: string,
  options: ParseOptions,
): { scenario?: LoadedScenario; issues: ScenarioIssue[] } {
  const file = resolve(options.file);
  const displayPath = options.displayPath ?? file;
  const at = (message: string, pos: LineCol): ScenarioIssue => ({ file: displayPath, ...pos, message });
  const bytes = Buffer.byteLength(text);
  if (bytes > SCENARIO_LIMITS.maxFileBytes)
    return {
      issues: [
        at(
          `the file is ${bytes} bytes, over the limit of ${SCENARIO_LIMITS.maxFileBytes} bytes. Split it into several scenarios, or use advance: for long stretches of time.`,
          { line: 1, col: 1 },
        ),
      ],
    };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => {
        const offset = e.pos[0];
        const { line, col } = lineCounter.linePos(offset);
        const reason = (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, '');
        return at(`YAML syntax error: ${reason}`, { line: Math.max(1, line), col: Math.max(1, col) });
      }),
    };
  }
  if (!isMap(doc.contents)) {
    const what = doc.contents === null ? 'the file is empty' : 'the top level is not a map of keys';
    return { issues: [at(`not a scenario: ${what}. Start with name: and steps:`, { line: 1, col: 1 })] };
  }

  const positions = createPositionIndex(doc, lineCounter);
  const toIssue = (p: PathIssue) => at(p.message, positions.at(p.path, { key: p.key ?? false }));
  // toJS() would turn a `__proto__:` key into the prototype of the object holding it.
  let protoKey: number | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        protoKey = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (protoKey !== undefined) {
    const { line, col } = lineCounter.linePos(protoKey);
    return {
      issues: [at('the key "__proto__" is not allowed in a scenario file. Rename it.', { line, col })],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: SCENARIO_LIMITS.maxAliasCount });
  } catch (e) {
    // The yaml library refuses an alias bomb here; say where the aliases are.
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, col } = lineCounter.linePos(offset);
    return {
      issues: [
        at(
          `YAML aliases refused: ${(e as Error).message}. A scenario may expand at most ${SCENARIO_LIMITS.maxAliasCount} aliases; write the values out.`,
          { line: Math.max(1, line), col: Math.max(1, col) },
        ),
      ],
    };
  }
  const stepCount = (value as { steps?: unknown }).steps;
  if (Array.isArray(stepCount) && stepCount.length > SCENARIO_LIMITS.maxSteps)
    return {
      issues: [
        at(
          `${stepCount.length} steps, over the limit of ${SCENARIO_LIMITS.maxSteps}. Split the scenario, or use advance: for long stretches of time.`,
          positions.at(['steps'], { key: true }),
        ),
      ],
    };
  const parsed = scenarioSchema.safeParse(value, { reportInput: true });
  if (!parsed.success)
    return { issues: sortIssues(toPathIssues(parsed.error.issues, scenarioSchema).map(toIssue)) };

  const scenario = parsed.data;
  const dir = dirname(file);
  const semantic = checkScenario(scenario, { dir, exists: options.exists ?? existsSync });
  if (semantic.length > 0) return { issues: sortIssues(semantic.map(toIssue)) };

  const stepsNode = doc.get('steps', true);
  const steps: LoadedStep[] = scenario.steps.map((step, index) => {
    const verb = STEP_VERBS.find((v) => v in step && (step[v] !== undefined || v === 'mirror'))!;
    const node = isSeq(stepsNode) ? stepsNode.items[index] : undefined;
    const pos = node ? positions.at(['steps', index]) : { line: 1, col: 1 };
    return { index, verb, step, ...pos };
  });
  return {
    scenario: { file, displayPath, dir, name: scenario.name, slug: toSlug(scenario.name), scenario, steps },
    issues: [],
  };
}

function sortIssues(issues: ScenarioIssue[]): ScenarioIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.col - b.col);
}

export interface LoadOptions {
  /** Messages show paths relative to this directory. */
  cwd?: string;
}

export async function loadScenarioFile(path: string, options: LoadOptions = {}): Promise<LoadedScenario> {
  const { scenarios, issues } = await loadScenarios([path], options);
  if (issues.length > 0 || !scenarios[0]) throw new ScenarioLoadError(issues);
  return scenarios[0];
}

/** Loads every file and collects every problem (the caller runs nothing when `issues` is non-empty). */
export async function loadScenarios(
  paths: readonly string[],
  options: LoadOptions = {},
): Promise<{ scenarios: LoadedScenario[]; issues: ScenarioIssue[] }> {
  const cwd = options.cwd ?? process.cwd();
  const scenarios: LoadedScenario[] = [];
  const issues: ScenarioIssue[] = [];
  for (const path of paths) {
    const file = resolve(cwd, path);
    const displayPath = relative(cwd, file) || file;
    let text: string;
    try {
      // Refuse a huge file before reading it into memory.
      const { size } = await stat(file);
      if (size > SCENARIO_LIMITS.maxFileBytes) {
        issues.push({
          file: displayPath,
          line: 1,
          col: 1,
          message: `the file is ${size} bytes, over the limit of ${SCENARIO_LIMITS.maxFileBytes} bytes. Split it into several scenarios, or use advance: for long stretches of time.`,
        });
        continue;
      }
      text = await readFile(file, 'utf8');
    } catch (e) {
      issues.push({
        file: displayPath,
        line: 1,
        col: 1,
        message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      });
      continue;
    }
    const result = parseScenario(text, { file, displayPath });
    issues.push(...result.issues);
    if (result.scenario) scenarios.push(result.scenario);
  }
  // Slugs name saved-state directories and report entries: make them unique within one run.
  const seen = new Map<string, number>();
  for (const s of scenarios) {
    const n = (seen.get(s.slug) ?? 0) + 1;
    seen.set(s.slug, n);
    if (n > 1) s.slug = `${s.slug}-${n}`;
  }
  return { scenarios, issues };
}
