import type { ArgTypes } from '@storybook/web-components-vite';
import customElements from '../../packages/widget/custom-elements.json';
import { tokenArgTypes } from '../theming/design-tokens.js';

interface Declaration {
  tagName?: string;
  attributes?: Array<{ name: string; type?: { text: string } }>;
  members?: Array<{ kind: string; name: string; privacy?: string }>;
  slots?: Array<{ name: string }>;
  events?: Array<{ name: string }>;
  cssParts?: Array<{ name: string }>;
}

const chat = customElements.modules
  .flatMap((module) => (module.declarations ?? []) as Declaration[])
  .find((declaration) => declaration.tagName === 'parley-chat')!;

/** The attributes whose values are a short list, as the README's Attributes table gives them. */
const choices: Record<string, string[]> = {
  theme: ['light', 'dark', 'high-contrast', 'auto'],
  mode: ['inline', 'launcher'],
  persist: ['session', 'local', 'none'],
  lang: ['en', 'zh-CN', 'zh-TW'],
  protocol: ['parley', 'openai', 'openai-responses', 'anthropic', 'ollama', 'ai-sdk', 'dify', 'auto'],
};

/**
 * Controls a designer can turn for `<parley-chat>`'s own API. Storybook infers every row from
 * `custom-elements.json` with a JSON editor for a control, which does nothing useful for a string
 * attribute and nothing at all for a slot or a part. Here attributes get a text box, a switch or
 * their choices, slots a text box (`renderChat` puts the text in the slot), tokens a colour picker
 * or a text box; properties, events and parts stay documentation only.
 */
export function chatArgTypes(): ArgTypes {
  const argTypes: ArgTypes = {};
  for (const member of chat.members ?? []) {
    if (member.kind === 'field' && member.privacy !== 'private') argTypes[member.name] = { control: false };
  }
  for (const { name, type } of chat.attributes ?? []) {
    const options = choices[name];
    argTypes[name] = options
      ? { control: options.length > 4 ? 'select' : 'inline-radio', options }
      : { control: type?.text.startsWith('boolean') ? 'boolean' : 'text' };
  }
  for (const { name } of chat.slots ?? []) argTypes[name] = { control: 'text' };
  for (const { name } of chat.events ?? []) argTypes[name] = { control: false };
  // Named as docsManifest names them for the docs table.
  for (const { name } of chat.cssParts ?? []) argTypes[`::part(${name})`] = { control: false };
  return { ...argTypes, ...tokenArgTypes() };
}
