/** What loading each case of scenario-cases.ts reports (formatIssue lines). */
export const SCENARIO_EXPECTED: Record<string, string[]> = {
  'alias bomb': [
    'case.yaml:3:8: YAML aliases refused: Excessive alias count indicates a resource exhaustion attack. A scenario may expand at most 100 aliases; write the values out.',
  ],
  'too many steps': [
    'case.yaml:2:1: 10001 steps, over the limit of 10000. Split the scenario, or use advance: for long stretches of time.',
  ],
  'file over the size limit': [
    'case.yaml:1:1: the file is 1048611 bytes, over the limit of 1048576 bytes. Split it into several scenarios, or use advance: for long stretches of time.',
  ],
  'remote named ../../x': [
    'case.yaml:3:3: remote name "../../x" is not allowed: use letters, digits, "_" and "-" (it names the remote\'s saved-state file)',
  ],
  'remote named a/b': [
    'case.yaml:3:3: remote name "a/b" is not allowed: use letters, digits, "_" and "-" (it names the remote\'s saved-state file)',
  ],
  'remote named ..': [
    'case.yaml:3:3: remote name ".." is not allowed: use letters, digits, "_" and "-" (it names the remote\'s saved-state file)',
  ],
  'remote named with a space': [
    'case.yaml:3:3: remote name "my desk" is not allowed: use letters, digits, "_" and "-" (it names the remote\'s saved-state file)',
  ],
  'remote named __proto__': [
    'case.yaml:3:3: the key "__proto__" is not allowed in a scenario file. Rename it.',
  ],
  'YAML syntax error': [
    'case.yaml:3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
  'empty file': ['case.yaml:1:1: not a scenario: the file is empty. Start with name: and steps:'],
  'top level is a list': [
    'case.yaml:1:1: not a scenario: the top level is not a map of keys. Start with name: and steps:',
  ],
  'duplicate key': ['case.yaml:2:1: YAML syntax error: Map keys must be unique'],
};
