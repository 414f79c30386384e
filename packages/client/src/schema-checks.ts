import * as z from './zod.js';

// The bounds and maps the client's option schemas need, each as one `z.custom` check. zod's own
// (z.int, z.minimum, z.minLength, z.record) each pull another part of zod core into every page,
// ~1.3 KB gzip together for checks this small; `z.custom` is there anyway (adapters, functions).
// Likewise the schemas use `z.literal([...])` rather than `z.enum`: the same check, without
// $ZodEnum. The exported wire and storage schemas use zod kinds only (an open object is
// z.looseObject({})): they must convert with z.toJSONSchema, which cannot represent a custom check.

export const atLeast = (minimum: number) => z.refine<number>((value) => value >= minimum, `must be at least ${minimum}`);

export const atMost = (maximum: number) => z.refine<number>((value) => value <= maximum, `must be at most ${maximum}`);

export const wholeNumber = () => z.refine<number>(Number.isSafeInteger, 'expected an integer');

export const nonEmpty = () => z.refine<string>((value) => value.length > 0, 'must not be empty');

/** An object made with `{}` (or `Object.create(null)`): not an array, a class instance or a function. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A plain object whose values all pass `isValue` (`z.record(z.string(), …)` for string keys).
 * The object is accepted as it is, not copied: callers that keep it copy it themselves.
 */
export function recordSchema<V = unknown>(isValue?: (value: unknown) => value is V, message = 'expected an object') {
  return z.custom<Record<string, V>>((value) => isPlainObject(value) && (!isValue || Object.values(value).every(isValue)), { message });
}
