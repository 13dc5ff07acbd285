/** The Clock port (design.md §5). The core never reads a clock; adapters pass `now` in. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
