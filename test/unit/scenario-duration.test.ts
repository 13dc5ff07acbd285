import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../harness/core/index.ts';
import { durationSchema } from '../../harness/scenario/schema.ts';

describe('durations in scenario files', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    [1500, 1500],
  ])('reads %s as %d ms', (text, ms) => {
    expect(durationSchema.safeParse(text).success).toBe(true);
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['5 minutes', '1w', '-5m', 'soon', ''])('rejects "%s" with a hint', (text) => {
    const result = durationSchema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      `bad duration "${text}": write e.g. 90s, 5m, 1h, 2d or a number of milliseconds`,
    );
  });

  it('rejects a value that is neither a string nor a number', () => {
    expect(durationSchema.safeParse(true).error?.issues[0]?.message).toBe(
      'expected a duration: write e.g. 90s, 5m, 1h, 2d or a number of milliseconds',
    );
  });
});
