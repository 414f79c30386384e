import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { strictCsp } from './support/chromium.js';
import { faults, useFaultGateway } from './support/fault-gateway.js';
import { openPage } from './support/open-page.js';

/**
 * Issue 8, faults: a gateway that misbehaves on cue, behind the whole element on a strict-CSP
 * page. For each fault: what the person sees, that what arrived is kept, and how many requests
 * went out (never one twice by accident).
 */
const site = useFaultGateway(
  (gateway) => {
    gateway.page('/', { body: '<parley-chat endpoint="/api/chat" protocol="parley"></parley-chat>', csp: strictCsp });
    gateway.page('/zh', { body: '<parley-chat endpoint="/api/chat" protocol="parley"></parley-chat>', csp: strictCsp, lang: 'zh-CN' });
    gateway.page('/two', {
      body: `<parley-chat endpoint="/api/chat?lane=a" protocol="parley" heading="Orders"></parley-chat>
<parley-chat endpoint="/api/chat?lane=b" protocol="parley" heading="Invoices"></parley-chat>`,
      csp: strictCsp,
    });
  },
  { reset: true },
);

const chat = (page: Page, index = 0) => page.locator('parley-chat').nth(index);
const answers = (page: Page, index = 0) => chat(page, index).locator('[part~="message"][part~="assistant"]');
const notice = (page: Page, index = 0) => chat(page, index).locator('[role="alert"]');

async function ask(page: Page, text: string, index = 0): Promise<void> {
  const input = chat(page, index).locator('[part~="input"]');
  await input.fill(text);
  await input.press('Enter');
}

async function open(path = '/', setup?: (page: Page) => Promise<unknown>) {
  const opened = await openPage(site.browser, `${site.gateway.origin}${path}`, {}, setup);
  return opened;
}

describe('the gateway fails', { timeout: 30_000 }, () => {
  it('drops the connection mid-answer: the partial answer stays, Retry is offered, nothing is re-sent on its own', async () => {
    const { page, errors, violations } = await open();
    site.gateway.script('', faults.dropped('The order ', 'shipped on'));
    await ask(page, 'Where is my order?');
    await answers(page).last().getByText('The order shipped on').waitFor();
    site.gateway.cut();
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toContain('The assistant cannot be reached right now.');
    expect(await answers(page).last().textContent()).toContain('The order shipped on');
    expect(site.gateway.chatRequests()).toHaveLength(1);

    site.gateway.script('', faults.answer('It shipped on 3 May.'));
    await notice(page).getByRole('button', { name: 'Retry' }).click();
    await answers(page).last().getByText('It shipped on 3 May.').waitFor();
    expect(site.gateway.chatRequests()).toHaveLength(2);
    expect(await notice(page).count()).toBe(0);
    expect([...errors, ...violations]).toEqual([]);
    await page.context().close();
  });

  it("speaks the person's language: a dropped answer on a zh-CN page, kept, with 重试", async () => {
    const { page, errors } = await open('/zh');
    site.gateway.script('', faults.dropped('订单', '已发货'));
    await ask(page, '我的订单在哪里？');
    await answers(page).last().getByText('订单已发货').waitFor();
    site.gateway.cut();
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toContain('暂时无法连接到助手。');
    expect(await notice(page).getByRole('button', { name: '重试' }).count()).toBe(1);
    expect(await answers(page).last().textContent()).toContain('订单已发货');
    expect(site.gateway.chatRequests()).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('429 with Retry-After: waits as asked, then answers, with one retry', async () => {
    const { page, errors } = await open();
    site.gateway.script('', faults.rateLimited(1), faults.answer('Here you go.'));
    await ask(page, 'Hello');
    await answers(page).last().getByText('Here you go.').waitFor();
    const [first, second] = site.gateway.chatRequests();
    expect(site.gateway.chatRequests()).toHaveLength(2);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
    expect(await notice(page).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('429 with a Retry-After beyond the cap: says when to retry instead of waiting, one request', async () => {
    const { page, errors } = await open();
    site.gateway.script('', faults.rateLimited(120));
    await ask(page, 'Hello');
    await notice(page).waitFor();
    const text = await notice(page).textContent();
    expect(text).toContain('Too many requests at the moment.');
    expect(text).toMatch(/retry in 120/);
    expect(site.gateway.chatRequests()).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('503: retried a bounded number of times before any content, then an error with Retry', async () => {
    const { page, errors } = await open();
    site.gateway.script('', faults.unavailable(), faults.answer('Recovered.'));
    await ask(page, 'First');
    await answers(page).last().getByText('Recovered.').waitFor();
    expect(site.gateway.chatRequests()).toHaveLength(2);

    site.gateway.reset();
    site.gateway.script('', faults.unavailable(), faults.unavailable(), faults.unavailable(), faults.unavailable());
    await ask(page, 'Second');
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toContain('The assistant cannot be reached right now.');
    expect(await notice(page).getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(site.gateway.chatRequests()).toHaveLength(3);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('401: asks headers() again once, replays once with the new token; a second 401 means signed out, no loop', async () => {
    const { page, errors } = await open();
    await page.evaluate(() => {
      let issued = 0;
      (document.querySelector('parley-chat') as HTMLElement & { headers: unknown }).headers = () => ({ authorization: `Bearer token-${++issued}` });
    });
    site.gateway.script('', faults.unauthorized(), faults.answer('Welcome back.'));
    await ask(page, 'Hello');
    await answers(page).last().getByText('Welcome back.').waitFor();
    expect(site.gateway.chatRequests().map((request) => request.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);

    site.gateway.reset();
    site.gateway.script('', faults.unauthorized(), faults.unauthorized(), faults.answer('never requested'));
    await ask(page, 'Again');
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toContain('You are signed out.');
    expect(site.gateway.chatRequests().map((request) => request.headers.authorization)).toEqual(['Bearer token-3', 'Bearer token-4']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a proxy's HTML 502 page: a clear error, never the HTML", async () => {
    const { page, errors } = await open();
    site.gateway.script('', faults.proxyErrorPage(), faults.proxyErrorPage(), faults.proxyErrorPage());
    await ask(page, 'Hello');
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toContain('The assistant cannot be reached right now.');
    const shown = await chat(page).locator('[part~="messages"]').textContent();
    expect(shown).not.toMatch(/nginx|<html|Bad Gateway/i);
    expect(await notice(page).getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(site.gateway.chatRequests()).toHaveLength(3);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a stream that stalls ends with a timeout (fake clock), keeps what came, and lets go of the connection', async () => {
    const { page, errors } = await open('/', (page) => page.clock.install());
    site.gateway.script('', faults.stalled('Half of ', 'an answer'));
    await ask(page, 'Hello');
    await answers(page).last().getByText('Half of an answer').waitFor();
    expect(await notice(page).count()).toBe(0);
    await page.clock.fastForward(61_000);
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toContain('The answer stopped arriving.');
    expect(await notice(page).getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(await answers(page).last().textContent()).toContain('Half of an answer');
    expect(site.gateway.chatRequests()).toHaveLength(1);
    await expect.poll(() => site.gateway.chatRequests()[0]!.disconnected).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a malformed frame: a clear error, the text before it kept, one request', async () => {
    const { page, errors } = await open();
    site.gateway.script('', faults.malformed('Good ', 'start.'));
    await ask(page, 'Hello');
    await notice(page).waitFor();
    expect(await notice(page).textContent()).toContain('Something went wrong.');
    expect(await notice(page).getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(await answers(page).last().textContent()).toContain('Good start.');
    expect(site.gateway.chatRequests()).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("a 5 MB event (under the client's 8 MB event cap): shown whole, and the page stays usable", async () => {
    const { page, errors } = await open();
    site.gateway.script('', faults.hugeEvent());
    await ask(page, 'Hello');
    await chat(page).locator('[part~="messages"][aria-busy="false"]').waitFor({ timeout: 60_000 });
    expect(await notice(page).count()).toBe(0);
    const length = await answers(page).last().locator('parley-markdown').evaluate((md) => (md.textContent ?? '').split('x').length - 1);
    expect(length).toBe(5 * 1024 * 1024);
    // Still usable: the next question is answered.
    site.gateway.script('', faults.answer('Small answer.'));
    await ask(page, 'And now?');
    await answers(page).last().getByText('Small answer.').waitFor();
    expect(site.gateway.chatRequests()).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);
});

describe('the person', { timeout: 30_000 }, () => {
  it('double-clicks Send or presses Enter twice in one frame: one request', async () => {
    const { page, errors } = await open();
    const input = chat(page).locator('[part~="input"]');
    site.gateway.script('', faults.stalled('Working…'));
    await input.fill('Order 10 laptops');
    await chat(page).locator('[part~="send"]').dblclick();
    await answers(page).last().getByText('Working…').waitFor();
    expect(site.gateway.chatRequests()).toHaveLength(1);
    await chat(page).locator('[part~="stop"]').click();
    await chat(page).locator('[part~="messages"][aria-busy="false"]').waitFor();

    site.gateway.script('', faults.answer('One answer.'));
    await input.fill('Order 5 monitors');
    await input.evaluate((textarea) => {
      for (let i = 0; i < 2; i++) textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    });
    await answers(page).last().getByText('One answer.').waitFor();
    expect(site.gateway.chatRequests()).toHaveLength(2);
    expect(await chat(page).locator('[part~="message"][part~="user"]').count()).toBe(2);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('confirms an IME candidate with Enter: nothing is sent until the Enter after composition', async () => {
    const { page, errors } = await open('/zh');
    const input = chat(page).locator('[part~="input"]');
    await input.focus();
    // A real composition through Chromium's IME path, committed with insertText.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'dingdan', selectionStart: 7, selectionEnd: 7 });
    await input.evaluate((textarea) => {
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, composed: true, cancelable: true }));
    });
    await cdp.send('Input.insertText', { text: '订单' });
    // Some IMEs report the confirming Enter after compositionend, as keyCode 229.
    await input.evaluate((textarea) => {
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, composed: true, cancelable: true }));
    });
    expect(await input.inputValue()).toBe('订单');
    expect(site.gateway.chatRequests()).toHaveLength(0);

    await input.press('Enter');
    await answers(page).last().getByText('Hello from the gateway.').waitFor();
    expect(site.gateway.chatRequests()).toHaveLength(1);
    expect(JSON.parse(site.gateway.chatRequests()[0]!.body).messages.at(-1).content).toBe('订单');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reloads mid-stream: the history comes back with the partial answer marked interrupted, and nothing is re-sent', async () => {
    const { page, errors } = await open();
    site.gateway.script('', faults.stalled('Partial ', 'before reload'));
    await ask(page, 'Tell me everything');
    await answers(page).last().getByText('Partial before reload').waitFor();
    await page.reload();
    await page.waitForFunction(() => customElements.get('parley-chat') !== undefined);
    const restored = answers(page).last();
    await restored.getByText('This answer was interrupted.').waitFor();
    expect(await restored.textContent()).toContain('Partial before reload');
    expect(await chat(page).locator('[part~="message"][part~="user"]').textContent()).toContain('Tell me everything');
    await expect.poll(() => site.gateway.chatRequests()[0]!.disconnected).toBe(true);
    expect(site.gateway.chatRequests()).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('uses two widgets on one page: independent conversations and requests', async () => {
    const { page, errors } = await open('/two');
    site.gateway.script('a', faults.stalled('Orders are ', 'being checked'));
    site.gateway.script('b', faults.answer('Invoice INV-9 is paid.'));
    await ask(page, 'Order status?', 0);
    await answers(page, 0).last().getByText('Orders are being checked').waitFor();
    await ask(page, 'Invoice status?', 1);
    await answers(page, 1).last().getByText('Invoice INV-9 is paid.').waitFor();
    // The first is still streaming while the second finished.
    expect(await chat(page, 0).locator('[part~="stop"]').count()).toBe(1);
    expect(await chat(page, 1).locator('[part~="stop"]').count()).toBe(0);
    await chat(page, 0).locator('[part~="stop"]').click();
    await answers(page, 0).last().getByText('Stopped').waitFor();
    expect(await chat(page, 0).textContent()).not.toContain('INV-9');
    expect(await answers(page, 1).last().textContent()).not.toContain('Orders');
    expect(await answers(page, 1).last().textContent()).not.toContain('Stopped');
    const lanes = site.gateway.chatRequests().map((request) => new URL(request.url, site.gateway.origin).searchParams.get('lane'));
    expect(lanes.sort()).toEqual(['a', 'b']);
    await expect.poll(() => site.gateway.chatRequests().find((request) => request.url.endsWith('lane=a'))!.disconnected).toBe(true);

    await page.reload();
    await page.waitForFunction(() => customElements.get('parley-chat') !== undefined);
    await answers(page, 1).last().getByText('Invoice INV-9 is paid.').waitFor();
    expect(await chat(page, 0).textContent()).not.toContain('INV-9');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('hides the tab mid-answer: no second request, the answer goes on', async () => {
    const { page, errors } = await open();
    site.gateway.script('', faults.dropped('Still ', 'streaming'));
    await ask(page, 'Hello');
    await answers(page).last().getByText('Still streaming').waitFor();
    await page.evaluate(() => {
      for (const state of ['hidden', 'visible']) {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
        window.dispatchEvent(new Event(state === 'hidden' ? 'blur' : 'focus'));
      }
    });
    expect(await chat(page).locator('[part~="stop"]').count()).toBe(1);
    site.gateway.cut();
    await notice(page).waitFor();
    expect(site.gateway.chatRequests()).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  const brokenStorage = {
    full: () => {
      Storage.prototype.setItem = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    },
    // Chromium with site data blocked: touching the storage objects throws.
    blocked: () => {
      for (const name of ['sessionStorage', 'localStorage']) {
        Object.defineProperty(window, name, {
          configurable: true,
          get() {
            throw new DOMException('Access is denied for this document.', 'SecurityError');
          },
        });
      }
    },
  };

  for (const [kind, breakStorage] of Object.entries(brokenStorage)) {
    it(`with storage ${kind}, the conversation still works and nothing is thrown at the page`, async () => {
      const { page, errors } = await open('/', (page) => page.addInitScript(breakStorage));
      site.gateway.script('', faults.answer('Answered ', 'anyway.'));
      await ask(page, 'Hello');
      await answers(page).last().getByText('Answered anyway.').waitFor();
      await chat(page).locator('[part~="input"]').fill('a draft');
      expect(await chat(page).locator('[part~="input"]').inputValue()).toBe('a draft');
      expect(site.gateway.chatRequests()).toHaveLength(1);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('the element removed mid-stream aborts its request (the gateway sees the disconnect)', async () => {
    const { page, errors } = await open();
    site.gateway.script('', faults.stalled('Streaming ', 'along'));
    await ask(page, 'Hello');
    await answers(page).last().getByText('Streaming along').waitFor();
    await page.evaluate(() => document.querySelector('parley-chat')!.remove());
    await expect.poll(() => site.gateway.chatRequests()[0]!.disconnected).toBe(true);
    expect(site.gateway.chatRequests()).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
