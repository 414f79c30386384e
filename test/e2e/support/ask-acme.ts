import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The question the resume tests ask the reference gateway: its answer quotes ACME's payment terms. */
export const acmeQuestion = 'What are the payment terms with ACME?';

/** The newest answer in `chat`. */
export const lastAnswer = (chat: Locator): Locator => chat.locator('[part~="message"][part~="assistant"]').last();

/** Asks `acmeQuestion` in the page's `<parley-chat>` as a person does (type, Enter). */
export async function askAcme(page: Page): Promise<{ chat: Locator; answer: Locator }> {
  const chat = page.locator('parley-chat');
  const input = chat.locator('[part~="input"]');
  await input.fill(acmeQuestion);
  await input.press('Enter');
  return { chat, answer: lastAnswer(chat) };
}

/** The last words of the reference gateway's answer: it came to its end. */
export const answerEnded = (answer: Locator): Promise<void> => answer.getByText('no language model wrote this answer', { exact: false }).waitFor({ timeout: 30_000 });

/**
 * The answer's own text (its source card quotes the same passage) holds the payment terms once
 * each: nothing shown twice, nothing missing. Returns that text.
 */
export async function expectAcmeTermsOnce(answer: Locator): Promise<string> {
  const text = (await answer.locator('parley-markdown').textContent()) ?? '';
  expect(text.split('Payment is due Net 45').length - 1).toBe(1);
  expect(text.split('Late payments accrue interest').length - 1).toBe(1);
  return text;
}
