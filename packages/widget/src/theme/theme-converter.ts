import type { ComplexAttributeConverter } from 'lit';
import type { ParleyThemeObject } from './theme-tokens.js';

/** `theme` reflects its ready-theme name; a token object reflects its `base` (or no attribute: light). */
export const themeConverter: ComplexAttributeConverter<string | ParleyThemeObject | undefined> = {
  fromAttribute: (value) => value ?? undefined,
  toAttribute: (value) => (typeof value === 'string' ? value : value && typeof value.base === 'string' ? value.base : null),
};
