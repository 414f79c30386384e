import { isPlainObject } from './schema-checks.js';

/** A value that survives `JSON.stringify` → `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

function copyJson(value: unknown, path: string, seen: Set<object>): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot carry; use null or a finite number.`);
    return value;
  }
  if (typeof value !== 'object') {
    throw new TypeError(`${path} is ${value === undefined ? 'undefined' : `a ${typeof value}`}; only JSON values (objects, arrays, strings, finite numbers, booleans, null) are allowed. Use null or leave the key out.`);
  }
  if (seen.has(value)) throw new TypeError(`${path} refers back to itself; JSON cannot carry cycles.`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return Object.freeze(value.map((item, index) => copyJson(item, `${path}[${index}]`, seen))) as JsonValue[];
    if (!isPlainObject(value)) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new TypeError(`${path} is a ${kind}; only plain objects and arrays are allowed (convert dates to strings).`);
    }
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(value)) copy[key] = copyJson(item, `${path}.${key}`, seen);
    return Object.freeze(copy);
  } finally {
    seen.delete(value);
  }
}

/**
 * Checks that `value` is a plain JSON object and returns a frozen deep copy, so that later changes
 * to the host's object cannot alter what a request already carries. Throws a `TypeError` naming
 * the offending path otherwise.
 */
export function toJsonObject(value: unknown, name = 'value'): JsonObject {
  if (!isPlainObject(value)) {
    throw new TypeError(`${name} must be a plain JSON object ({ ... }).`);
  }
  return copyJson(value, name, new Set()) as JsonObject;
}
