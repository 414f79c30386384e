import type { ComplexAttributeConverter } from 'lit';

/**
 * A list attribute as JSON (`suggestions='["Order status?","Open invoices"]'`,
 * `models='[{"id":"qwen-max","label":"Qwen Max"}]'`). Suggestions also take a `|`-separated list.
 * Bad JSON gets a clear console error and an empty list instead of an exception in the parser.
 */
export function jsonListConverter(attribute: 'suggestions'): ComplexAttributeConverter<string[]>;
export function jsonListConverter(attribute: 'models'): ComplexAttributeConverter<Array<{ id: string; label: string }>>;
export function jsonListConverter(attribute: 'suggestions' | 'models'): ComplexAttributeConverter<unknown[]> {
  return {
    fromAttribute(value) {
      if (!value || !value.trim()) return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        if (attribute === 'suggestions') return value.split('|').map((item) => item.trim()).filter(Boolean);
        console.error(`<parley-chat ${attribute}>: expected a JSON array like [{"id":"deepseek-chat","label":"DeepSeek"}], got ${JSON.stringify(value)}.`);
        return [];
      }
      if (!Array.isArray(parsed)) {
        console.error(`<parley-chat ${attribute}>: expected a JSON array, got ${JSON.stringify(value)}.`);
        return [];
      }
      if (attribute === 'suggestions') return parsed.filter((item): item is string => typeof item === 'string');
      return parsed.flatMap((item) => {
        if (typeof item === 'string') return [{ id: item, label: item }];
        if (item && typeof item === 'object' && typeof item.id === 'string') return [{ id: item.id, label: typeof item.label === 'string' ? item.label : item.id }];
        return [];
      });
    },
    toAttribute: (value) => JSON.stringify(value),
  };
}
