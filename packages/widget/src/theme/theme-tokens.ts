/**
 * Design tokens as a run-time object: `{ '--parley-color-accent': '#c8102e' }`, or the same
 * names without the prefix (`'color-accent'`, `colorAccent`). Values are CSS values.
 */
export type ParleyThemeTokens = Record<string, string | number>;

/** The `theme` property's object form: tokens over a ready theme (`base`, default `light`). */
export type ParleyThemeObject = ParleyThemeTokens & { base?: 'light' | 'dark' | 'auto' | 'high-contrast' };

const camel = /[A-Z]/g;

/** `colorAccent` / `color-accent` / `--parley-color-accent` → `--parley-color-accent`; anything else → undefined. */
export function tokenProperty(name: string): string | undefined {
  const bare = name.startsWith('--parley-') ? name.slice('--parley-'.length) : name.startsWith('--') ? '' : name.replace(camel, (c) => `-${c.toLowerCase()}`);
  return /^[a-z][a-z0-9-]*$/.test(bare) ? `--parley-${bare}` : undefined;
}

/**
 * Sets the tokens on the element with CSSOM (`style.setProperty`), which a strict CSP allows
 * where a `style` attribute string is not. Removes what an earlier call set and this one does
 * not. Returns the properties now set.
 */
export function applyThemeTokens(element: HTMLElement, tokens: readonly ParleyThemeTokens[], previous: ReadonlySet<string>): Set<string> {
  const next = new Map<string, string>();
  for (const set of tokens) {
    for (const [name, value] of Object.entries(set)) {
      if (name === 'base') continue;
      const property = tokenProperty(name);
      if (property && (typeof value === 'string' || typeof value === 'number')) next.set(property, String(value));
    }
  }
  previous.forEach((property) => {
    if (!next.has(property)) element.style.removeProperty(property);
  });
  next.forEach((value, property) => element.style.setProperty(property, value));
  return new Set(next.keys());
}
