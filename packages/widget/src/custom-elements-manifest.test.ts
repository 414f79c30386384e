import { describe, expect, it } from 'vitest';
import manifest from '../custom-elements.json';

interface Declaration {
  name: string;
  customElement?: boolean;
  tagName?: string;
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
});
