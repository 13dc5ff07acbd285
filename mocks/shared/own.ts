/**
 * A record's own value for a key taken from a request (a table name, a field, an id), never one
 * inherited from Object.prototype: `tables["constructor"]` is a function, `record["toString"]`
 * would be rendered as its source, and `x["__proto__"] = …` changes the object's prototype.
 */
export function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Keys that must never be used as property names of plain objects. */
export function isPrototypeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype' || key in Object.prototype;
}
