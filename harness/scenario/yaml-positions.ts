/**
 * Maps a path into the parsed YAML (`['steps', 3, 'advance']`) back to a line and column, so every
 * loader message can point at the exact spot in the file. Paths that do not exist (a missing key)
 * fall back to the deepest node that does.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface LineCol {
  line: number;
  col: number;
}

export type IssuePath = readonly PropertyKey[];

export interface PositionIndex {
  /** Where the value at `path` starts; `key: true` points at the key of the last segment instead. */
  at(path: IssuePath, options?: { key?: boolean }): LineCol;
}

export function createPositionIndex(doc: Document, lineCounter: LineCounter): PositionIndex {
  const toLineCol = (offset: number | undefined): LineCol => {
    if (offset === undefined) return { line: 1, col: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(1, line), col: Math.max(1, col) };
  };
  const startOf = (node: unknown): number | undefined => (node as Node | null)?.range?.[0];

  return {
    at(path, options = {}) {
      let node: unknown = doc.contents;
      let best = startOf(node) ?? 0;
      for (let i = 0; i < path.length; i++) {
        const segment = path[i];
        const last = i === path.length - 1;
        if (isMap(node)) {
          const pair = node.items.find(
            (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
          );
          if (!pair) break;
          const keyStart = startOf(pair.key);
          const valueStart = startOf(pair.value);
          if ((last && options.key) || valueStart === undefined) {
            best = keyStart ?? best;
            if (valueStart === undefined) break;
            node = pair.value;
            continue;
          }
          best = valueStart;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          const item = node.items[segment];
          const start = startOf(item);
          if (start === undefined) break;
          best = start;
          node = item;
        } else {
          break;
        }
      }
      return toLineCol(best);
    },
  };
}
