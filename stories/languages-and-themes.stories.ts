import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import { gateways } from './mocks/gateway-handlers.js';
import { chatIn, finishedAnswer, part, screenOf } from './support/chat-queries.js';
import { chatArgTypes } from './support/chat-arg-types.js';
import { renderChat, type ChatArgs } from './support/render-chat.js';

/**
 * The same answer (reasoning, progress, a table, sources) in English and Simplified Chinese, in
 * the light, dark and high-contrast themes. The answer language follows the question; every
 * string of the element follows `lang`.
 */
const meta = {
  title: 'parley-chat/Languages and themes',
  component: 'parley-chat',
  render: (args) => renderChat(args),
  args: { protocol: 'parley', persist: 'none', endpoint: gateways.showcase, frameWidth: '560px' },
  argTypes: {
    ...chatArgTypes(),
    theme: { control: 'inline-radio', options: ['light', 'dark', 'high-contrast', 'auto'] },
    lang: { control: 'inline-radio', options: ['en', 'zh-CN'] },
  },
} satisfies Meta<ChatArgs>;
export default meta;
type Story = StoryObj<ChatArgs>;

const english = { lang: 'en', prompt: 'Who must approve a ¥60,000 order?' } satisfies ChatArgs;
const chinese = { lang: 'zh-CN', prompt: '6 万元的订单需要谁审批？' } satisfies ChatArgs;

async function englishAnswered(canvasElement: HTMLElement): Promise<void> {
  const chat = chatIn(canvasElement);
  await finishedAnswer(chat, 'Change');
  await expect(screenOf(chat).getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(screenOf(chat).getByRole('heading', { name: 'Sources' })).toBeVisible();
}

async function chineseAnswered(canvasElement: HTMLElement): Promise<void> {
  const chat = chatIn(canvasElement);
  await finishedAnswer(chat, '变化');
  await expect(screenOf(chat).getByRole('button', { name: '发送' })).toBeVisible();
  await expect(screenOf(chat).getByRole('heading', { name: '参考来源' })).toBeVisible();
  await expect(part(chat, 'panel')?.getAttribute('lang')).toBe('zh-CN');
}

export const EnglishLight: Story = { args: { ...english, theme: 'light' }, play: ({ canvasElement }) => englishAnswered(canvasElement) };
export const EnglishDark: Story = { args: { ...english, theme: 'dark' }, play: ({ canvasElement }) => englishAnswered(canvasElement) };
export const EnglishHighContrast: Story = {
  args: { ...english, theme: 'high-contrast' },
  play: ({ canvasElement }) => englishAnswered(canvasElement),
};
export const ChineseLight: Story = { args: { ...chinese, theme: 'light' }, play: ({ canvasElement }) => chineseAnswered(canvasElement) };
export const ChineseDark: Story = { args: { ...chinese, theme: 'dark' }, play: ({ canvasElement }) => chineseAnswered(canvasElement) };
export const ChineseHighContrast: Story = {
  args: { ...chinese, theme: 'high-contrast' },
  play: ({ canvasElement }) => chineseAnswered(canvasElement),
};

/** `theme="auto"` follows the system's light or dark preference. */
export const AutoTheme: Story = { args: { ...english, theme: 'auto' }, play: ({ canvasElement }) => englishAnswered(canvasElement) };

/** Empty panels: the welcome line, placeholder and buttons in each language. */
export const EmptyChinese: Story = {
  args: { lang: 'zh-CN', theme: 'light' },
  play: async ({ canvasElement }) => {
    const screen = screenOf(chatIn(canvasElement));
    await expect(await screen.findByText('有什么可以帮您？')).toBeVisible();
    await expect(screen.getByRole('textbox', { name: '消息' })).toBeVisible();
  },
};
