/** Bad scenario files of the corpus: each must be refused at load time with file:line and nothing run. */
import { SCENARIO_LIMITS } from '../../harness/scenario/limits.ts';

const header = 'name: corpus\n';
const steps = '\nsteps:\n  - mirror:\n';

function aliasBomb(): string {
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 8; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  return `${header}${levels.join('\n')}${steps}`;
}

export const SCENARIO_CASES: [name: string, text: string][] = [
  ['alias bomb', aliasBomb()],
  ['too many steps', `${header}steps:\n${'  - mirror:\n'.repeat(SCENARIO_LIMITS.maxSteps + 1)}`],
  ['file over the size limit', `${header}# ${'x'.repeat(SCENARIO_LIMITS.maxFileBytes)}${steps}`],
  ['remote named ../../x', `${header}remotes:\n  ../../x: { kind: helpdesk }${steps}`],
  ['remote named a/b', `${header}remotes:\n  a/b: { kind: helpdesk }${steps}`],
  ['remote named ..', `${header}remotes:\n  "..": { kind: helpdesk }${steps}`],
  ['remote named with a space', `${header}remotes:\n  "my desk": { kind: helpdesk }${steps}`],
  ['remote named __proto__', `${header}remotes:\n  __proto__: { kind: helpdesk }${steps}`],
  ['YAML syntax error', `${header}steps: [\n`],
  ['empty file', ''],
  ['top level is a list', '- name: x\n'],
  ['duplicate key', `${header}name: again${steps}`],
];
