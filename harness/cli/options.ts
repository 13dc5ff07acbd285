/** Option parsing shared by subcommands: values arrive as strings from node:util parseArgs. */
import { HarnessError } from '../core/index.ts';

/** An integer option within [min, max], or `fallback` when absent; a clear one-line error otherwise. */
export function integerOption(
  area: string,
  values: Record<string, unknown>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(String(raw)) || n < min || n > max) {
    throw new HarnessError(
      'invalid-input',
      `${area}: failed to read --${name}: "${String(raw)}" is not an integer ${min}..${max}. Example: --${name} ${fallback}.`,
    );
  }
  return n;
}
