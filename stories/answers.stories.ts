import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { memoryStorage, type ConversationMessage } from '@parley/client';
import { expect, userEvent, waitFor } from 'storybook/test';
import { gateways } from './mocks/gateway-handlers.js';
import { answers, answerTimeout, chatIn, finishedAnswer, part, screenOf, sourceCards, visibleText } from './support/chat-queries.js';
import { chatArgTypes } from './support/chat-arg-types.js';
import { renderChat, type ChatArgs } from './support/render-chat.js';

/**
 * What a person sees while `<parley-chat>` talks to a gateway. Every story streams from an msw
 * mock gateway speaking the native protocol (SSE of ChatEvents) with small pauses between
 * chunks, so what you watch here is the real streaming path.
 */
const meta = {
  title: 'parley-chat/Answers',
  component: 'parley-chat',
  render: (args) => renderChat(args),
  args: { protocol: 'parley', persist: 'none', lang: 'en', theme: 'light', frameWidth: '560px' },
  argTypes: {
    ...chatArgTypes(),
    prompt: { control: 'text', description: 'Sent when the story loads.' },
    frameWidth: { control: 'text', description: 'Width of the host page column.' },
  },
} satisfies Meta<ChatArgs>;
export default meta;
type Story = StoryObj<ChatArgs>;

export const Empty: Story = {
  args: { endpoint: gateways.plain },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    await expect(await screen.findByText('Ask anything to get started.', {}, answerTimeout)).toBeVisible();
    await expect(screen.getByRole('textbox', { name: 'Message' })).toBeVisible();
  },
};

/** Typing a question and pressing Enter: the person's message appears, then the answer streams in. */
export const SendAMessage: Story = {
  name: 'Send a message',
  args: { endpoint: gateways.plain },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    const input = await screen.findByRole('textbox', { name: 'Message' });
    await userEvent.click(input);
    await userEvent.type(input, 'Where is PO-2025-0117?{Enter}');
    await waitFor(() => expect(visibleText(part(chat, 'user'))).toContain('Where is PO-2025-0117?'), answerTimeout);
    await expect(input).toHaveValue('');
    const answer = await finishedAnswer(chat, 'shipped yesterday');
    await expect(answer.querySelector('strong')?.textContent).toBe('PO-2025-0117');
  },
};

/**
 * Edit under a question (shown on hover or focus, always reachable by Tab) turns it into a text
 * box; Enter or Send asks the edited question again: the old answer goes and the new one streams.
 * Escape or Cancel leaves it as it was. Here the question is rewritten in Chinese, so the mock
 * gateway answers in Chinese. `no-edit` turns the control off.
 */
export const EditAQuestion: Story = {
  name: 'Edit a question',
  args: { endpoint: gateways.plain, prompt: 'Where is PO-2025-0117?', 'no-edit': false },
  argTypes: { 'no-edit': { control: 'boolean', description: 'No Edit under the questions.' } },
  play: async ({ canvasElement, args }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    await finishedAnswer(chat, 'shipped yesterday');
    if (args['no-edit']) {
      await expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
      return;
    }
    // Named by its question too: a screen reader tells one question's Edit from another's.
    await userEvent.click(screen.getByRole('button', { name: 'Edit Where is PO-2025-0117?' }));
    const box = await screen.findByRole('textbox', { name: 'Edit your question' });
    await expect(box).toHaveValue('Where is PO-2025-0117?');
    await expect(chat.shadowRoot!.activeElement).toBe(box);
    // The whole question replaced, as selecting it and typing over it would.
    await userEvent.type(box, 'PO-2025-0117 到哪里了？{Enter}', { initialSelectionStart: 0, initialSelectionEnd: (box as HTMLTextAreaElement).value.length });
    await waitFor(() => expect(visibleText(part(chat, 'user-bubble'))).toBe('PO-2025-0117 到哪里了？'), answerTimeout);
    await finishedAnswer(chat, '承运商预计周五送达');
    await expect(answers(chat)).toHaveLength(1);
    await expect(visibleText(answers(chat)[0])).not.toContain('shipped yesterday');
  },
};

export const PlainAnswer: Story = {
  args: { endpoint: gateways.plain, prompt: 'Where is PO-2025-0117?' },
  play: async ({ canvasElement }) => {
    await finishedAnswer(chatIn(canvasElement), 'Suzhou warehouse on Friday');
  },
};

/** Tables, a code block with its language label, copy button and syntax colours, lists, a quote and a link. */
export const LongMarkdown: Story = {
  args: { endpoint: gateways.markdown, prompt: 'Break down Q1 spend by supplier.' },
  play: async ({ canvasElement }) => {
    const answer = await finishedAnswer(chatIn(canvasElement), 'for the live view');
    await expect(answer.querySelector('h2')?.textContent).toBe('Q1 spend by supplier');
    await expect(answer.querySelectorAll('table tbody tr')).toHaveLength(3);
    await expect(visibleText(answer.querySelector('pre'))).toContain('GROUP BY supplier_id;');
    // The highlighter is a chunk of its own, fetched when the finished block names SQL.
    await waitFor(() => expect(answer.querySelector('pre .hljs-keyword')?.textContent).toBe('SELECT'), answerTimeout);
    await expect(visibleText(answer)).toContain('sql');
    const link = answer.querySelector<HTMLAnchorElement>('a[href="https://erp.example.com/procurement"]');
    await expect(link?.rel).toBe('noopener noreferrer');
  },
};

/** The reasoning streams into an open panel, then collapses to "Thought for …" when the answer starts. */
export const ReasoningThenAnswer: Story = {
  args: { endpoint: gateways.reasoning, prompt: 'Can we still cancel PO-2025-0117?' },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const answer = await finishedAnswer(chat, 'within 14 days');
    const reasoning = answer.querySelector<HTMLDetailsElement>('[part~="reasoning"]')!;
    await expect(reasoning.open).toBe(false);
    await expect(visibleText(reasoning.querySelector('summary'))).toMatch(/^Thought for/);
  },
};

/** Inline markers `[1]` link to numbered source cards with title, source, page and snippet. */
export const Citations: Story = {
  args: { endpoint: gateways.citations, prompt: 'Who must approve a ¥60,000 order?' },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const answer = await finishedAnswer(chat, 'two working days');
    const cards = await sourceCards(answer);
    await expect(cards.map((card) => visibleText(card.querySelector('.citation-title')))).toEqual([
      'Procurement policy 2025',
      'Fast-track purchasing guide',
    ]);
    await expect(visibleText(cards[0])).toContain('p. 4');
    const marker = answer.querySelector<HTMLElement>('.parley-citation-marker[data-citation-id="1"]')!;
    await userEvent.click(marker);
    await waitFor(() => expect(chat.shadowRoot!.activeElement).toBe(cards[0]));
  },
};

/** Research steps appear as a live list and turn from running to done in place. */
export const ResearchProgress: Story = {
  args: { endpoint: gateways.research, prompt: 'Compare late-delivery penalties across our suppliers.' },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const answer = await finishedAnswer(chat, 'renewal in June');
    const steps = Array.from(answer.querySelectorAll<HTMLElement>('[part~="status"] .status-step'));
    await expect(steps.map((step) => step.dataset.state)).toEqual(['done', 'done', 'done']);
    await expect(visibleText(steps[0])).toContain('12 contracts found');
  },
};

/** Mid-answer: the transcript is busy and Stop is offered (this gateway never finishes on its own). */
export const Streaming: Story = {
  args: { endpoint: gateways.stalled, prompt: 'Pull the inventory report.' },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    await waitFor(() => expect(visibleText(answers(chat)[0])).toContain('warehouse system'), answerTimeout);
    await expect(part(chat, 'messages')?.getAttribute('aria-busy')).toBe('true');
    await expect(screenOf(chat).getByRole('button', { name: 'Stop' })).toBeVisible();
  },
};

/** The model is still thinking: its reasoning streams into an open panel labelled "Thinking…". */
export const Thinking: Story = {
  args: { endpoint: gateways.thinking, prompt: 'Can we still cancel PO-2025-0117?' },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    await waitFor(() => expect(visibleText(part(chat, 'reasoning'))).toContain('14 days'), answerTimeout);
    const reasoning = part<HTMLDetailsElement>(chat, 'reasoning')!;
    await expect(reasoning.open).toBe(true);
    await expect(visibleText(reasoning.querySelector('summary'))).toBe('Thinking…');
  },
};

/** Stop while it streams: what arrived stays, marked "Stopped", and the composer is free again. */
export const StopWhileStreaming: Story = {
  name: 'Stop while streaming',
  args: { endpoint: gateways.long, prompt: 'Check stock in every warehouse.' },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    await waitFor(() => expect(visibleText(answers(chat)[0])).toContain('warehouse 1'), answerTimeout);
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.getByText('Stopped')).toBeVisible(), answerTimeout);
    await expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    await expect(visibleText(answers(chat)[0])).toContain('warehouse 1');
    await expect(visibleText(answers(chat)[0])).not.toContain('warehouse 12');
  },
};

let restoredCount = 0;

/**
 * The page was closed while an answer streamed. The transcript comes back from storage (here a
 * pre-seeded `memoryStorage`, in a page `sessionStorage`) with what had arrived, marked as
 * interrupted, and the unsent draft is back in the composer.
 */
export const InterruptedAndRestored: Story = {
  name: 'Interrupted and restored',
  args: { endpoint: gateways.plain },
  render: (args) => {
    const id = `restored-${++restoredCount}`;
    const createdAt = Date.UTC(2025, 2, 14, 9, 30);
    const messages: ConversationMessage[] = [
      { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Summarise open orders for Huadong Steel.' }], createdAt },
      { id: 'm2', role: 'assistant', parts: [{ type: 'text', text: 'There are **three** open orders. The largest, PO-2025-0131,' }], createdAt: createdAt + 2000 },
    ];
    const storage = memoryStorage({
      [`parley:conversation:${id}`]: JSON.stringify({ v: 1, id, messages }),
      [`parley:draft:${id}`]: 'And for Pearl River Plastics?',
    });
    return renderChat({ ...args, 'conversation-id': id }, (chat) => (chat.storage = storage));
  },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    await expect(await screen.findByText(/interrupted/i, {}, answerTimeout)).toBeVisible();
    await expect(visibleText(answers(chat)[0])).toContain('PO-2025-0131');
    await expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('And for Pearl River Plastics?');
  },
};
