/** The Store port (design.md §10): one JSON-serialisable world per system; lowdb's adapter shape. */
export interface Store<T> {
  /** The saved value, or null when nothing was saved yet. */
  read(): Promise<T | null>;
  write(value: T): Promise<void>;
}
