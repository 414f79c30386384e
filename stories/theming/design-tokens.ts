import type { ArgTypes } from '@storybook/web-components-vite';
import customElements from '../../packages/widget/custom-elements.json';

export interface DesignToken {
  name: string;
  description: string;
  group: 'Colour' | 'Code colour' | 'Type' | 'Radius and spacing' | 'Size and elevation';
}

function groupOf(name: string): DesignToken['group'] {
  // Code blocks: their background and text, and the syntax colours of highlighted code (`--parley-code-keyword`…).
  if (name.startsWith('--parley-code-') || name.startsWith('--parley-color-code-')) return 'Code colour';
  if (name.includes('color')) return 'Colour';
  if (name.includes('font') || name.includes('line-height')) return 'Type';
  if (name.includes('radius') || name.includes('spacing')) return 'Radius and spacing';
  return 'Size and elevation';
}

/**
 * Every `--parley-*` token `<parley-chat>` documents, read from `custom-elements.json`: a token
 * added to the element's JSDoc shows up in the workbench without touching the stories.
 */
export const designTokens: DesignToken[] = customElements.modules
  .flatMap((module) => (module.declarations ?? []) as Array<{ tagName?: string; cssProperties?: Array<{ name: string; description?: string }> }>)
  .filter((declaration) => declaration.tagName === 'parley-chat')
  .flatMap((declaration) => declaration.cssProperties ?? [])
  .filter((property) => property.name.startsWith('--parley-'))
  .map((property) => ({ name: property.name, description: property.description ?? '', group: groupOf(property.name) }));

/** Story controls for the tokens: a colour picker for colours (code colours too), text for the rest, grouped. */
export function tokenArgTypes(): ArgTypes {
  return Object.fromEntries(
    designTokens.map((token) => [
      token.name,
      {
        name: token.name,
        description: token.description,
        control: token.group === 'Colour' || token.group === 'Code colour' ? { type: 'color' } : { type: 'text' },
        table: { category: token.group },
      },
    ]),
  );
}

/** Token values by name, the shape of the story's args for them. */
export type TokenValues = { readonly [token: `--parley-${string}`]: string | undefined };

/** The tokens that are set, in the manifest's order. */
export function setTokens(values: TokenValues): Array<[string, string]> {
  return designTokens.flatMap((token) => {
    const raw = values[token.name as `--parley-${string}`];
    const value = typeof raw === 'string' ? raw.trim() : '';
    return value ? [[token.name, value] as [string, string]] : [];
  });
}

/**
 * The CSS a product team pastes into its stylesheet, reproducing what the story shows. Values
 * picked on another theme than the default `light` (an example brand on `dark`) are scoped to
 * that theme's attribute, with a comment saying to set it: a colour token wins over every theme,
 * so the same block on a light panel could put cream answers on white.
 */
export function tokenCss(values: TokenValues, theme?: string): string {
  const lines = setTokens(values).map(([name, value]) => `  ${name}: ${value};`);
  if (!theme || theme === 'light') return `parley-chat {\n${lines.join('\n')}\n}\n`;
  return `/* Picked on theme="${theme}": set theme="${theme}" on your <parley-chat> too. */\nparley-chat[theme="${theme}"] {\n${lines.join('\n')}\n}\n`;
}
