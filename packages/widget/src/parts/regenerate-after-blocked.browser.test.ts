import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { gatewayUrl, lastAnswerText, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

const gateway = useMockGateway();

/** A chat whose first answer fails as a busy gateway's does (Retry offered), whose host blocks any message about salaries. */
async function failedChat(): Promise<ParleyChat> {
  gateway.serve(gatewayUrl, (_request, index) =>
    index === 0
      ? sse([{ type: 'error', error: { code: 'overloaded_error', message: 'Overloaded', retryable: true } }])
      : sse([{ type: 'text-delta', delta: 'PO-7 is in Shanghai.' }, { type: 'finish', reason: 'stop' }]),
  );
  const el = await mountChat({}, (chat) => {
    chat.beforeSend = (message) => (message.content.includes('salary') ? { block: 'Salaries are not discussed here.' } : undefined);
  });
  await el.send('Where is PO-7?');
  await vi.waitFor(() => expect(shadowPart(el, '[role="alert"] button.retry')).not.toBeNull());
  expect(shadowPart(el, 'button.regenerate'), 'the notice\'s Retry is the one way to ask again').toBeNull();
  return el;
}

const alert = (el: ParleyChat) => shadowPart(el, '[role="alert"]');

/** After the block: the reason, with no Retry of its own; the failed answer can still be asked again, and is. */
async function asksAgainAfterBlock(el: ParleyChat): Promise<void> {
  await vi.waitFor(() => expect(alert(el)?.textContent).toContain('Salaries are not discussed here.'));
  // A Retry in the notice would read as sending the blocked message again.
  expect(alert(el)!.querySelector('.retry')).toBeNull();
  const regenerate = await vi.waitFor(() => {
    const found = shadowPart<HTMLButtonElement>(el, '[part~="assistant"] button.regenerate');
    expect(found, 'the failed answer offers Regenerate: the blocked message never joined the transcript').not.toBeNull();
    return found!;
  });
  await userEvent.click(regenerate);
  await vi.waitFor(() => expect(lastAnswerText(el)).toBe('PO-7 is in Shanghai.'));
  expect(gateway.requests).toHaveLength(2);
  const asked = gateway.requests[1]!.body.messages.filter((message) => message.role === 'user').map((message) => message.content);
  expect(asked).toEqual(['Where is PO-7?']);
  expect(alert(el)).toBeNull();
}

describe('after a failed answer, a message the host blocks', () => {
  it('leaves the failed answer\'s Regenerate offered, and it asks the question again', async () => {
    const el = await failedChat();
    await userEvent.type(shadowPart(el, '[part~="input"]')!, 'What is the CEO salary?{Enter}');
    await asksAgainAfterBlock(el);
    expect(shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!.value).toBe('What is the CEO salary?');
  });

  it('leaves it offered after a blocked edit of the question too', async () => {
    const el = await failedChat();
    await userEvent.click(shadowParts<HTMLButtonElement>(el, 'button.edit')[0]!);
    const field = await vi.waitFor(() => shadowPart<HTMLTextAreaElement>(el, '[part~="edit-input"]')!);
    await userEvent.clear(field);
    await userEvent.type(field, 'What is the CEO salary?{Enter}');
    await asksAgainAfterBlock(el);
  });
});
