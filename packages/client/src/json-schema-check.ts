/**
 * Checks a value against the JSON Schema keywords tool definitions use in practice (type, enum,
 * const, properties, required, additionalProperties, items, numeric and length bounds, pattern,
 * allOf / anyOf / oneOf, local `$ref`). Unknown keywords (format, dependentSchemas…) are not
 * enforced. Written here rather than taken from a validator library because the script tag has a
 * size budget a general-purpose validator alone would eat a quarter of, and ajv-style validators
 * compile with `new Function`, which a strict CSP forbids.
 */
export type JsonSchemaObject = { [keyword: string]: unknown };

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function resolveRef(root: JsonSchemaObject, ref: string): JsonSchemaObject | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === 'object' && node !== null ? (node as JsonSchemaObject) : undefined;
}

const at = (path: string) => path || '(arguments)';
const quote = (value: unknown) => JSON.stringify(value);

/** Returns the problems found (`path: what is wrong`), empty when the value matches. */
export function checkJsonSchema(schema: JsonSchemaObject | boolean, value: unknown, root: JsonSchemaObject = typeof schema === 'object' ? schema : {}, path = '', depth = 0): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${at(path)}: is not allowed`];
  // A self-referencing schema cannot recurse deeper than the (finite) value it checks; the cap only guards cycles of $refs.
  if (depth > 64) return [];
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(root, schema.$ref);
    if (!target) return [`${at(path)}: the schema's $ref ${schema.$ref} cannot be resolved`];
    return checkJsonSchema(target, value, root, path, depth + 1);
  }
  const problems: string[] = [];
  const sub = (s: unknown, v: unknown, p: string) => checkJsonSchema(s as JsonSchemaObject, v, root, p, depth + 1);

  const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (schema.nullable === true && value === null) return [];
  if (types && !types.some((type) => matchesType(value, type))) return [`${at(path)}: expected ${types.join(' or ')}, got ${typeOf(value)}`];
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) problems.push(`${at(path)}: must be one of ${schema.enum.map(quote).join(', ')}`);
  if ('const' in schema && !deepEqual(schema.const, value)) problems.push(`${at(path)}: must be ${quote(schema.const)}`);

  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${at(path)}: must be at least ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${at(path)}: must be at most ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) problems.push(`${at(path)}: must be greater than ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) problems.push(`${at(path)}: must be less than ${schema.exclusiveMaximum}`);
    if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0 && Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9) problems.push(`${at(path)}: must be a multiple of ${schema.multipleOf}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) problems.push(`${at(path)}: must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) problems.push(`${at(path)}: must have at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string') {
      let pattern: RegExp | undefined;
      try {
        pattern = new RegExp(schema.pattern, 'u');
      } catch {
        problems.push(`${at(path)}: the schema's pattern ${quote(schema.pattern)} is not a valid regular expression`);
      }
      if (pattern && !pattern.test(value)) problems.push(`${at(path)}: must match ${schema.pattern}`);
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) problems.push(`${at(path)}: must have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) problems.push(`${at(path)}: must have at most ${schema.maxItems} items`);
    const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    value.forEach((item, index) => {
      const itemSchema = index < prefix.length ? prefix[index] : schema.items;
      if (itemSchema !== undefined && !Array.isArray(itemSchema)) problems.push(...sub(itemSchema, item, `${path}[${index}]`));
    });
    if (schema.uniqueItems === true && value.some((item, index) => value.findIndex((other) => deepEqual(other, item)) !== index)) problems.push(`${at(path)}: items must be unique`);
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (typeof schema.properties === 'object' && schema.properties !== null ? schema.properties : {}) as Record<string, unknown>;
    const join = (key: string) => (path ? `${path}.${key}` : key);
    if (Array.isArray(schema.required)) {
      for (const key of schema.required as string[]) if (!Object.prototype.hasOwnProperty.call(object, key)) problems.push(`${join(key)}: is required`);
    }
    for (const [key, propertyValue] of Object.entries(object)) {
      if (Object.prototype.hasOwnProperty.call(properties, key)) problems.push(...sub(properties[key], propertyValue, join(key)));
      else if (schema.additionalProperties === false) problems.push(`${join(key)}: is not an allowed property`);
      else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) problems.push(...sub(schema.additionalProperties, propertyValue, join(key)));
    }
    if (typeof schema.minProperties === 'number' && Object.keys(object).length < schema.minProperties) problems.push(`${at(path)}: must have at least ${schema.minProperties} properties`);
  }

  if (Array.isArray(schema.allOf)) for (const part of schema.allOf) problems.push(...sub(part, value, path));
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((part) => sub(part, value, path).length === 0)) problems.push(`${at(path)}: does not match any of the allowed shapes`);
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((part) => sub(part, value, path).length === 0).length !== 1) problems.push(`${at(path)}: must match exactly one of the allowed shapes`);
  if (schema.not !== undefined && sub(schema.not, value, path).length === 0) problems.push(`${at(path)}: matches a shape that is not allowed`);
  return problems;
}
