import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { gateways } from './mocks/gateway-handlers.js';
import { purchaseOrderActions } from './mocks/purchase-order-action.js';
import { answerTimeout, chatIn, finishedAnswer, part, visibleText, type ParleyChat } from './support/chat-queries.js';
import { chatArgTypes } from './support/chat-arg-types.js';
import { renderChat, type ChatArgs } from './support/render-chat.js';

/**
 * The model asks to create a purchase order in the host app. Nothing runs until a person
 * approves in the action card; the decision goes back to the model, which answers accordingly.
 */
const meta = {
  title: 'parley-chat/Agent actions',
  component: 'parley-chat',
  argTypes: chatArgTypes(),
  render: (args) => renderChat(args, (chat) => (chat.actions = purchaseOrderActions())),
  args: {
    endpoint: gateways.action,
    protocol: 'parley',
    persist: 'none',
    lang: 'en',
    prompt: 'Order 200 M8 bolts from Huadong Steel for 18 April.',
    frameWidth: '560px',
  },
  // Show the decided states on the docs page too, not only the waiting card.
  parameters: { docs: { story: { autoplay: true } } },
} satisfies Meta<ChatArgs>;
export default meta;
type Story = StoryObj<ChatArgs>;

/**
 * The docs page plays every story at once, and keys go to the page's one focused element: two
 * stories typing together typed into each other's boxes (a garbled JSON editor, a reason cut to
 * "Us"). Each story's clicks and keys therefore wait until the story before it has finished.
 */
let turn: Promise<unknown> = Promise.resolve();
function inTurn(act: () => Promise<void>): Promise<void> {
  const mine = turn.then(act);
  turn = mine.catch(() => {});
  return mine;
}

async function waitingCard(chat: ParleyChat): Promise<HTMLElement> {
  await waitFor(() => expect(part(chat, 'action-approve')).not.toBeNull(), answerTimeout);
  return part(chat, 'action')!;
}

export const AwaitingApproval: Story = {
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const card = await waitingCard(chat);
    await expect(visibleText(card)).toContain('Create purchase order');
    await expect(visibleText(card)).toContain('Huadong Steel');
    await expect(visibleText(card)).toContain('200');
    await expect(visibleText(card)).toContain('Waiting for your approval');
    // While the card waits, the composer says so.
    await waitFor(() => expect(visibleText(part(chat, 'composer'))).toContain('Approve or reject the action above to continue.'), answerTimeout);
  },
};

export const Approved: Story = {
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const card = await waitingCard(chat);
    await inTurn(async () => {
      await userEvent.click(part(chat, 'action-approve')!);
      await finishedAnswer(chat, 'PO-2025-0142');
      await expect(card.dataset.state).toBe('done');
      await expect(visibleText(card)).toContain('Done');
      await expect(part(chat, 'action-approve')).toBeNull();
    });
  },
};

export const Rejected: Story = {
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const card = await waitingCard(chat);
    await inTurn(async () => {
      await userEvent.click(part(chat, 'action-reject')!);
      await finishedAnswer(chat, 'I did not create the order');
      await expect(card.dataset.state).toBe('rejected');
      await expect(visibleText(card)).toContain('Rejected');
    });
  },
};

/** Approved; the host app is still working on it. */
export const Running: Story = {
  render: (args) => renderChat(args, (chat) => (chat.actions = purchaseOrderActions({ never: true }))),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const card = await waitingCard(chat);
    await inTurn(async () => {
      await userEvent.click(part(chat, 'action-approve')!);
      await waitFor(() => expect(card.dataset.state).toBe('running'));
      await expect(visibleText(card)).toContain('Running…');
      await expect(part(chat, 'action-approve')).toBeNull();
    });
  },
};

/** Approved, but the host app refused: the card says why and the model hears about it. */
export const ApprovedButFailed: Story = {
  name: 'Approved but failed',
  render: (args) => renderChat(args, (chat) => (chat.actions = purchaseOrderActions({ fails: true }))),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const card = await waitingCard(chat);
    await inTurn(async () => {
      await userEvent.click(part(chat, 'action-approve')!);
      await finishedAnswer(chat, 'did not accept the order');
      await expect(card.dataset.state).toBe('error');
      await expect(visibleText(card)).toContain('on hold with Finance');
    });
  },
};

/** The person corrects the quantity before approving: the action runs with their arguments, and the card says so. */
export const EditedThenApproved: Story = {
  name: 'Edited, then approved',
  render: (args) =>
    renderChat(args, (chat) => {
      chat.actions = purchaseOrderActions();
    }),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const card = await waitingCard(chat);
    await inTurn(async () => {
      const screen = within(card);
      await userEvent.click(screen.getByRole('button', { name: 'Edit' }));
      const editor = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Arguments (JSON)' });
      const edited = JSON.stringify({ ...(JSON.parse(editor.value) as object), quantity: 500 });
      // Replace the whole text; `{` and `[` start key names in user-event, so they are doubled.
      await userEvent.type(editor, edited.replace(/[{[]/g, '$&$&'), { initialSelectionStart: 0, initialSelectionEnd: editor.value.length });
      await userEvent.click(part(chat, 'action-approve')!);
      await finishedAnswer(chat, 'PO-2025-0142');
      await expect(card.dataset.state).toBe('done');
      await expect(visibleText(card)).toContain('Arguments edited before approval');
      await expect(visibleText(card)).toContain('500');
    });
  },
};

/** Rejected with a reason: the reason reaches the model with the rejection. */
export const RejectedWithReason: Story = {
  name: 'Rejected with a reason',
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const card = await waitingCard(chat);
    await inTurn(async () => {
      await userEvent.type(within(card).getByRole('textbox', { name: 'Reason for rejecting (optional)' }), 'Use Pearl River instead');
      await userEvent.click(part(chat, 'action-reject')!);
      await finishedAnswer(chat, 'I did not create the order');
      await expect(visibleText(card)).toContain('Rejected: Use Pearl River instead');
    });
  },
};
