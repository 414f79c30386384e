import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { gateways } from './mocks/gateway-handlers.js';
import { chatIn, finishedAnswer, part } from './support/chat-queries.js';
import { withClipboardObserved } from './support/clipboard-writes.js';
import type { ChatArgs } from './support/render-chat.js';
import { tokenArgTypes, type TokenValues } from './theming/design-tokens.js';
import { emberErp, harborBank, jadeLogistics } from './theming/example-brands.js';
import { renderWorkbench } from './theming/render-workbench.js';

/** The question each story asks, in the language of `lang` (the mock gateway answers in the question's language). */
function questionIn(lang: string | undefined): string {
  return lang?.startsWith('zh') ? '6 万元的订单需要谁审批？' : 'Who must approve a ¥60,000 order?';
}

/**
 * The theming workbench: every control is a `--parley-*` design token (colour, type, radius,
 * spacing, size), plus the `theme` your tokens sit on and the `lang` of the panel. Change them and
 * the chat restyles live; "Copy CSS" copies the block to paste into your stylesheet (scoped to
 * `parley-chat[theme="…"]` when the theme is not the default `light`). Start from one of the
 * three example brands.
 */
const meta = {
  title: 'Theming/Design tokens',
  component: 'parley-chat',
  render: (args) => renderWorkbench({ ...args, prompt: args.prompt ?? questionIn(args.lang) }),
  argTypes: {
    theme: {
      control: 'inline-radio',
      options: ['light', 'dark', 'high-contrast', 'auto'],
      description: 'The theme under your tokens. A colour token you set wins over every theme, so check your colours on the theme your page uses.',
      table: { category: 'Theme and language' },
    },
    lang: {
      control: 'inline-radio',
      options: ['en', 'zh-CN', 'zh-TW'],
      description: "The panel's strings; a Chinese `lang` also asks the question in Chinese (the mock answers in Simplified Chinese), to check your font stack on CJK text.",
      table: { category: 'Theme and language' },
    },
    ...tokenArgTypes(),
  },
  args: { endpoint: gateways.showcase, protocol: 'parley', persist: 'none', lang: 'en', theme: 'light' },
  parameters: { controls: { include: /^(--parley-|theme$|lang$)/ } },
} satisfies Meta<ChatArgs>;
export default meta;
type Story = StoryObj<ChatArgs>;

/** Canvas colour as the browser computes it (`rgb(…)`), to compare with what the token says. */
function computedColor(value: string): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  document.body.append(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

/** The tokens reach the element (the Send button wears the accent) and the CSS shown says the same. */
async function expectBrandApplied(canvasElement: HTMLElement, tokens: TokenValues, answerText: string): Promise<void> {
  const chat = chatIn(canvasElement);
  await finishedAnswer(chat, answerText);
  const accent = String(tokens['--parley-color-accent']);
  await expect(getComputedStyle(part(chat, 'send')!).backgroundColor).toBe(computedColor(accent));
  await expect(getComputedStyle(part(chat, 'panel')!).fontFamily).toBe(String(tokens['--parley-font-family']).replace(/'/g, '"'));
  const canvas = within(canvasElement);
  const css = canvasElement.querySelector('.token-css')?.textContent;
  await expect(css).toContain(`--parley-color-accent: ${accent};`);
  // Values picked on another theme than light only apply to an element on that theme.
  const theme = chat.getAttribute('theme');
  await expect(css).toContain(theme && theme !== 'light' ? `parley-chat[theme="${theme}"] {` : 'parley-chat {');
  await withClipboardObserved(async (written) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Copy CSS' }));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Copied to the clipboard.'));
    await expect(written).toEqual([canvasElement.querySelector('.token-css')?.textContent]);
  });
}

/** The light theme's own values: the place to start from scratch. */
export const Workbench: Story = {
  args: {
    '--parley-color-background': '#ffffff',
    '--parley-color-surface': '#f5f6f8',
    '--parley-color-text': '#1c1f24',
    '--parley-color-muted': '#5b6270',
    '--parley-color-border': '#d5d9e0',
    '--parley-color-accent': '#1f5fd1',
    '--parley-color-on-accent': '#ffffff',
    '--parley-color-user-bubble': '#e8f0fe',
    '--parley-color-user-text': '#1c1f24',
    '--parley-focus-ring-color': '#1f5fd1',
    '--parley-font-family': "system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif",
    '--parley-font-size': '14px',
    '--parley-radius': '10px',
    '--parley-spacing': '8px',
  },
  play: ({ canvasElement, args }) => expectBrandApplied(canvasElement, args, 'Change'),
};

export const HarborBank: Story = { args: harborBank, play: ({ canvasElement, args }) => expectBrandApplied(canvasElement, args, 'Change') };

export const JadeLogistics: Story = {
  args: { ...jadeLogistics, lang: 'zh-CN' },
  play: ({ canvasElement, args }) => expectBrandApplied(canvasElement, args, '变化'),
};

export const EmberErp: Story = { name: 'Ember ERP (dark)', args: { ...emberErp, theme: 'dark' }, play: ({ canvasElement, args }) => expectBrandApplied(canvasElement, args, 'Change') };
