/** "did you mean" hints for misspelt names in scenario files (step verbs, keys, instance names). */

/** Edit distance counting a swap of neighbours as one edit ("dsek" → "desk"): optimal string alignment. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The closest candidate, if it is close enough to be a plausible typo (a third of the word, at least 1). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const budget = Math.max(1, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = levenshtein(word.toLowerCase(), name.toLowerCase());
    if (distance <= budget && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** `; did you mean "advance"?` or, with nothing close, `; expected one of a, b, c`. */
export function hint(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  if (near) return `; did you mean "${near}"?`;
  if (candidates.length === 0) return '';
  return `; expected one of ${candidates.join(', ')}`;
}
