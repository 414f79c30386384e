import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { gateways } from './mocks/gateway-handlers.js';
import { chatIn, finishedAnswer, part, screenOf } from './support/chat-queries.js';
import { chatArgTypes } from './support/chat-arg-types.js';
import { renderChat, type ChatArgs } from './support/render-chat.js';

/**
 * `mode="inline"` puts the panel in the page flow (a side column of the ERP screen);
 * `mode="launcher"` is a floating button that opens it. Both from 320 px phones to wide screens.
 */
const meta = {
  title: 'parley-chat/Modes and sizes',
  component: 'parley-chat',
  argTypes: chatArgTypes(),
  render: (args) => renderChat(args),
  args: { protocol: 'parley', persist: 'none', lang: 'en', endpoint: gateways.markdown },
} satisfies Meta<ChatArgs>;
export default meta;
type Story = StoryObj<ChatArgs>;

// A floating launcher is fixed to the viewport: on the docs page each one gets its own frame.
const ownFrame = { docs: { story: { inline: false, iframeHeight: 680 } } };

export const Inline: Story = {
  args: { frameWidth: '480px', prompt: 'Break down Q1 spend by supplier.' },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    await finishedAnswer(chat, 'for the live view');
    await expect(part(chat, 'panel')).toBeVisible();
    await expect(part(chat, 'launcher')).toBeNull();
  },
};

export const LauncherClosed: Story = {
  args: { mode: 'launcher' },
  parameters: ownFrame,
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const launcher = await screenOf(chat).findByRole('button', { name: 'Open chat' });
    await expect(launcher).toBeVisible();
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
    await expect(part(chat, 'panel')).not.toBeVisible();
  },
};

export const LauncherOpen: Story = {
  args: { mode: 'launcher', open: true, prompt: 'Break down Q1 spend by supplier.' },
  parameters: ownFrame,
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    await finishedAnswer(chat, 'for the live view');
    await expect(part(chat, 'panel')).toBeVisible();
  },
};

/** Open with the button, close with Escape: focus goes into the composer, then back to the button. */
export const LauncherOpenAndClose: Story = {
  name: 'Launcher: open and close',
  args: { mode: 'launcher' },
  parameters: ownFrame,
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    await userEvent.click(await screen.findByRole('button', { name: 'Open chat' }));
    await waitFor(() => expect(part(chat, 'panel')).toBeVisible());
    await waitFor(() => expect(chat.shadowRoot!.activeElement).toBe(part(chat, 'input')));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(part(chat, 'panel')).not.toBeVisible());
    await expect(chat.shadowRoot!.activeElement).toBe(part(chat, 'launcher'));
  },
};

/** 320 px: a phone, or the narrowest side column. Tables scroll inside the answer. */
export const Narrow320: Story = {
  name: 'Narrow (320 px)',
  args: { frameWidth: '320px', prompt: 'Break down Q1 spend by supplier.' },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    await finishedAnswer(chat, 'for the live view');
    await expect(chat.getBoundingClientRect().width).toBeLessThanOrEqual(320);
    await expect(part(chat, 'send')).toBeVisible();
  },
};

export const Wide: Story = {
  args: { frameWidth: '1100px', prompt: 'Break down Q1 spend by supplier.' },
  play: async ({ canvasElement }) => {
    await finishedAnswer(chatIn(canvasElement), 'for the live view');
  },
};

/** The launcher at 320 px: the open panel fits the screen. */
export const LauncherNarrow: Story = {
  name: 'Launcher, narrow (320 px)',
  args: { mode: 'launcher', open: true },
  parameters: { ...ownFrame, viewport: { options: { narrow: { name: '320 px', styles: { width: '320px', height: '640px' } } } } },
  globals: { viewport: { value: 'narrow' } },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const panel = part(chat, 'panel')!;
    await expect(panel).toBeVisible();
    const box = panel.getBoundingClientRect();
    await expect(box.left).toBeGreaterThanOrEqual(0);
    await expect(box.right).toBeLessThanOrEqual(document.documentElement.clientWidth);
  },
};
