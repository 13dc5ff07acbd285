/**
 * The fenced code blocks of the project's documentation, so docs are tested by extraction rather
 * than by hand copies. A block's info string is `<language> [<tag> [<argument>]]`:
 *   yaml scenario      a whole scenario file: loaded and run
 *   yaml fragment      part of a file: must parse as YAML
 *   ts test [dir/]     a vitest test file (placed in dir/ of a user's project): run there
 *   ts module          a module of a user's project: typechecked there
 *   sh                 commands: every `mirrorlab <command> --option` must exist
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DOC_FILES = ['README.md', 'harness/README.md', 'scenarios/README.md', 'mocks/README.md'];

export interface DocBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: string;
  tag: string | undefined;
  argument: string | undefined;
  code: string;
}

export function docBlocks(root: string, files: readonly string[] = DOC_FILES): DocBlock[] {
  const blocks: DocBlock[] = [];
  for (const file of files) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^(\s*)```(\S+)(?:\s+(\S+))?(?:\s+(\S+))?\s*$/.exec(lines[i]!);
      if (!open) continue;
      const indent = open[1]!.length;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]!); j++) body.push(lines[j]!.slice(indent));
      blocks.push({
        file,
        line: i + 1,
        language: open[2]!,
        tag: open[3],
        argument: open[4],
        code: `${body.join('\n')}\n`,
      });
      i = j;
    }
  }
  return blocks;
}

export const where = (b: DocBlock) => `${b.file}:${b.line}`;
