import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import manifest from '../custom-elements.json';

interface Declaration {
  name: string;
  customElement?: boolean;
  tagName?: string;
  attributes?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string }>;
}

const elements = manifest.modules.flatMap((module) => (module.declarations ?? []) as Declaration[]).filter((declaration) => declaration.customElement);

describe('custom-elements.json', () => {
  // Editors, Storybook's docs pages and the theming workbench find an element's docs by its tag.
  it('lists every element with its tag, <parley-markdown> too', () => {
    expect(Object.fromEntries(elements.map((element) => [element.name, element.tagName]))).toEqual({
      ParleyChat: 'parley-chat',
      ParleyMarkdown: 'parley-markdown',
    });
  });

  it('documents every --parley-* token the styles read, as the README does', () => {
    const src = new URL('.', import.meta.url);
    const sources = (readdirSync(src, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && !file.includes('.test.') && !file.startsWith('testing'));
    const read = new Set(sources.flatMap((file) => Array.from(readFileSync(new URL(file, src), 'utf8').matchAll(/var\((--parley-[a-z0-9-]+)/g), (match) => match[1]!)));
    expect(read.has('--parley-color-accent')).toBe(true);
    const documented = new Set(elements.flatMap((element) => (element.cssProperties ?? []).map((property) => property.name)));
    const readme = readFileSync(new URL('../README.md', src), 'utf8');
    expect([...read].filter((token) => !documented.has(token))).toEqual([]);
    expect([...read].filter((token) => !readme.includes(`\`${token}\``))).toEqual([]);
  });

  // Storybook's docs pages and editors' completions list the attributes from the manifest: one the
  // README promises but the element reads without declaring it (`link-hosts`) was missing there.
  it('lists every attribute of <parley-chat> the README names', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('## Attributes'), readme.indexOf('## Properties'));
    const named = Array.from(table.matchAll(/^\| `([a-z-]+)` \|/gm), (match) => match[1]!);
    expect(named).toContain('endpoint');
    const chat = elements.find((element) => element.tagName === 'parley-chat')!;
    const listed = new Set((chat.attributes ?? []).map((attribute) => attribute.name));
    expect(named.filter((name) => !listed.has(name))).toEqual([]);
  });
});
