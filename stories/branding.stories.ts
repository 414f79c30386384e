import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { gateways } from './mocks/gateway-handlers.js';
import { answerTimeout, chatIn, finishedAnswer, part, screenOf, visibleText } from './support/chat-queries.js';
import { withEventLog } from './support/event-log.js';
import { chatArgTypes } from './support/chat-arg-types.js';
import { renderChat, type ChatArgs } from './support/render-chat.js';

/**
 * Making the panel the customer's own: named slots (`logo`, `header`, `empty`, `footer`),
 * starter prompts (`suggestions`), a model picker (`models`), feedback on answers, a watermark,
 * and a `theme` object set at run time.
 */
const meta = {
  title: 'parley-chat/Branding',
  component: 'parley-chat',
  argTypes: chatArgTypes(),
  args: { protocol: 'parley', persist: 'none', lang: 'en', frameWidth: '560px' },
} satisfies Meta<ChatArgs>;
export default meta;
type Story = StoryObj<ChatArgs>;

function slotted(slot: string, tag: string, text: string, style = ''): HTMLElement {
  const element = document.createElement(tag);
  element.slot = slot;
  element.textContent = text;
  if (style) element.style.cssText = style;
  return element;
}

/** Host content in every slot: the company's logo and title, its own welcome, a disclaimer. */
export const Slots: Story = {
  args: { endpoint: gateways.plain },
  render: (args) =>
    renderChat(args, (chat) => {
      const logo = slotted('logo', 'span', '◆', 'color:#0b4f6c;font-size:20px');
      logo.setAttribute('role', 'img');
      logo.setAttribute('aria-label', 'Harbor Bank');
      const welcome = document.createElement('div');
      welcome.slot = 'empty';
      welcome.innerHTML = '<p><strong>Welcome to the procurement assistant.</strong></p><p>Ask about orders, suppliers and invoices.</p>';
      chat.append(
        logo,
        slotted('header', 'h2', 'Procurement assistant', 'margin:0;font-size:16px'),
        welcome,
        slotted('footer', 'p', 'Answers may be wrong. Check figures in the ERP before acting on them.', 'margin:4px 8px;font-size:12px;color:#4a5361'),
      );
    }),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const assigned = (name: string) =>
      chat.shadowRoot!.querySelector<HTMLSlotElement>(`slot[name="${name}"]`)!.assignedElements().map((element) => visibleText(element));
    await waitFor(() => expect(assigned('header')).toEqual(['Procurement assistant']));
    await expect(assigned('logo')).toEqual(['◆']);
    await expect(assigned('empty')[0]).toContain('Welcome to the procurement assistant.');
    await expect(assigned('footer')[0]).toContain('Check figures in the ERP');
    await expect(within(canvasElement).getByRole('heading', { name: 'Procurement assistant' })).toBeVisible();
  },
};

/** Starter prompts on the empty conversation; choosing one sends it. */
export const StarterPrompts: Story = {
  args: { endpoint: gateways.plain },
  render: (args) =>
    renderChat(args, (chat) => {
      chat.suggestions = ['Where is PO-2025-0117?', 'Which invoices are overdue?', 'Compare supplier lead times'];
    }),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    const list = await screen.findByRole('list', { name: 'Suggested questions' });
    await expect(within(list as HTMLElement).getAllByRole('button')).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Where is PO-2025-0117?' }));
    await finishedAnswer(chat, 'shipped yesterday');
    // innerText: the name, the bubble, the time and Edit are boxes of their own, not one run of text.
    await expect(part(chat, 'user')!.innerText.replace(/\s+/g, ' ').trim()).toBe(
      'You: Where is PO-2025-0117? ' + visibleText(part(chat, 'user')?.querySelector('time')) + ' Edit',
    );
  },
};

/** One gateway serving DeepSeek, Qwen and Yi: the picker chooses the model of the next request. */
export const ModelPicker: Story = {
  args: { endpoint: gateways.model, model: 'deepseek-r1' },
  render: (args) =>
    renderChat(args, (chat) => {
      chat.models = [
        { id: 'deepseek-r1', label: 'DeepSeek R1' },
        { id: 'qwen2.5-72b-instruct', label: 'Qwen 2.5 72B' },
        { id: 'yi-large', label: 'Yi Large' },
      ];
    }),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Model' }), 'qwen2.5-72b-instruct');
    await chat.send('Which model are you?');
    await finishedAnswer(chat, 'This answer came from qwen2.5-72b-instruct.');
  },
};

/** Thumbs up or down with an optional comment; the host page receives `parley-feedback`. */
export const Feedback: Story = {
  args: { endpoint: gateways.plain, prompt: 'Where is PO-2025-0117?' },
  render: (args) => withEventLog(renderChat(args), ['parley-feedback']),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const answer = await finishedAnswer(chat, 'shipped yesterday');
    const screen = within(answer);
    const notHelpful = screen.getByRole('button', { name: 'Not helpful' });
    await userEvent.click(notHelpful);
    await waitFor(() => expect(notHelpful).toHaveAttribute('aria-pressed', 'true'));
    // The comment box is a part of its own, loaded at the first thumb: on a cold dev server (a clean
    // clone's first Storybook run) that can take longer than findByRole's one second.
    await userEvent.type(await screen.findByRole('textbox', { name: 'Tell us more (optional)' }, answerTimeout), 'The carrier changed.');
    await userEvent.click(screen.getByRole('button', { name: 'Send feedback' }));
    await expect(await screen.findByText('Thank you for your feedback.', {}, answerTimeout)).toBeVisible();
    const log = visibleText(within(canvasElement).getByRole('log'));
    await expect(log).toContain('"rating":"down"');
    await expect(log).toContain('"comment":"The carrier changed."');
  },
};

/** A tiled watermark (the person's id) deters screenshots of confidential answers; it never takes a click. */
export const Watermark: Story = {
  args: { endpoint: gateways.plain, prompt: 'Where is PO-2025-0117?' },
  render: (args) => renderChat(args, (chat) => chat.setAttribute('watermark', 'zhang.wei · 2025-03-14')),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    await finishedAnswer(chat, 'shipped yesterday');
    const watermark = part(chat, 'watermark')!;
    await expect(watermark).toHaveAttribute('aria-hidden', 'true');
    await expect(getComputedStyle(watermark).pointerEvents).toBe('none');
    // Drawn by CSS, so it is decoration only: not text a person can select, copy or find.
    const tile = watermark.firstElementChild!;
    await expect(getComputedStyle(tile, '::before').content).toBe('"zhang.wei · 2025-03-14"');
  },
};

/** `theme` also takes a token object at run time: a base theme plus the brand's tokens. */
export const ThemeObject: Story = {
  args: { endpoint: gateways.plain, prompt: 'Where is PO-2025-0117?' },
  render: (args) =>
    renderChat(args, (chat) => {
      chat.theme = { base: 'dark', 'color-accent': '#ffb454', 'color-on-accent': '#1b1512', radius: '4px' };
    }),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    await finishedAnswer(chat, 'shipped yesterday');
    await expect(getComputedStyle(part(chat, 'send')!).backgroundColor).toBe('rgb(255, 180, 84)');
  },
};

/**
 * The same pieces from the controls alone: `heading`, `suggestions` and the slots' text are
 * controls on every `<parley-chat>` story, so a designer tries a title or a disclaimer without code.
 */
export const FromControls: Story = {
  name: 'From controls',
  args: {
    endpoint: gateways.plain,
    heading: 'Procurement assistant',
    suggestions: 'Where is PO-2025-0117? | Which invoices are overdue?',
    empty: 'Ask about orders, suppliers and invoices.',
    footer: 'Answers may be wrong. Check figures in the ERP before acting on them.',
  },
  render: (args) => renderChat(args),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    await expect(await screen.findByRole('heading', { name: 'Procurement assistant' })).toBeVisible();
    const list = await screen.findByRole('list', { name: 'Suggested questions' });
    await expect(within(list as HTMLElement).getAllByRole('button').map((button) => visibleText(button))).toEqual(['Where is PO-2025-0117?', 'Which invoices are overdue?']);
    await expect(within(canvasElement).getByText('Ask about orders, suppliers and invoices.')).toBeVisible();
    await expect(within(canvasElement).getByText('Answers may be wrong. Check figures in the ERP before acting on them.')).toBeVisible();
  },
};
