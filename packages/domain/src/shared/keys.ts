/**
 * Names a request chose (form fields, query parameters, JSON keys) become object keys in many places.
 * Written into a plain object, `__proto__.x` or `constructor.prototype.x` reaches Object.prototype and
 * changes every object of the process. These are the two guards every such place uses.
 */
const hostileSegments = new Set(["__proto__", "constructor", "prototype"]);

/** True when a name, or any of its dotted or bracketed segments, leads to a prototype. */
export function isHostileFieldName(name: string): boolean {
  return name.split(/[.[\]]/).some((segment) => hostileSegments.has(segment));
}

/** A record without a prototype: no key written into it can reach Object.prototype. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

type Narrowed<T, K extends PropertyKey> = [Extract<T, { [P in K]: unknown }>] extends [never] ? T & Record<K, unknown> : Extract<T, { [P in K]: unknown }>;

/**
 * `key in value` for the value's own keys, narrowing a union as `in` does. `in` also sees inherited
 * keys, so a key planted on Object.prototype would make every object "have" it; this never does.
 */
export function hasKey<T extends object, K extends string>(value: T, key: K): value is Narrowed<T, K> & T {
  return Object.hasOwn(value, key);
}
