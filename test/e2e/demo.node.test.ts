import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 6's "done when": the server `npm start` runs serves the demo; asking "What are the payment
 * terms with ACME?" answers with citations to the bundled agreement, and "Order 10 laptops from
 * ACME" shows an action card whose approval adds the order to the page's table. Real server
 * (dist/cli.js as `npm start` runs it), real Chromium, the page's strict CSP in force.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'packages/gateway/dist/cli.js');
const bundle = join(root, 'packages/widget/dist/script/parley-chat.js');

function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) time = Math.max(time, newest(path));
    else if (!entry.name.includes('.test.')) time = Math.max(time, statSync(path).mtimeMs);
  }
  return time;
}

function builtAt(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** `npm test` builds first (pretest); a direct vitest run rebuilds what is missing or stale. */
function ensureBuilt(): void {
  const sources = Math.max(...['client', 'widget', 'gateway'].map((pkg) => newest(join(root, 'packages', pkg, 'src'))));
  if (Math.min(builtAt(cli), builtAt(bundle)) > sources) return;
  execFileSync('npx', ['rollup', '-c', 'rollup.config.mjs'], { cwd: root, env: { ...process.env, PARLEY_BUILD: 'client,widget,gateway' }, stdio: 'pipe' });
}

/** Starts the gateway as `npm start` does, on a free port (or `port`), and reads the URL it prints. */
function startServer(port = 0): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli], { cwd: root, env: { ...process.env, PORT: String(port), PARLEY_DEMO_DELAY_MS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+?)\/?\s/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code}:\n${output}`)));
  });
}

let server: { child: ChildProcess; url: string };
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  server = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
});

async function openDemo(path = '/', viewport = { width: 1400, height: 900 }, url = server.url): Promise<{ page: Page; violations: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => (window as unknown as { reportViolation(d: string): void }).reportViolation(event.violatedDirective));
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url + path);
  return { page, violations, errors };
}

async function ask(page: Page, question: string): Promise<void> {
  const input = page.locator('parley-chat [part~="input"]');
  await input.fill(question);
  await input.press('Enter');
}

describe('npm start: the ERP demo', () => {
  it('answers "What are the payment terms with ACME?" with citations to the bundled agreement', async () => {
    const { page, violations, errors } = await openDemo();
    expect(await page.locator('.demo-notice').innerText()).toContain('not an LLM');
    await page.locator('parley-chat [part~="launcher"]').click();
    await ask(page, 'What are the payment terms with ACME?');
    const source = page.locator('parley-chat [part~="citation"]').filter({ hasText: 'ACME Industrial Supplies — Master Supply Agreement' });
    await source.first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('parley-chat [part~="message"][part~="assistant"]').last().innerText(), { timeout: 30_000 }).toContain('Net 45');

    // The citation opens the cited document in the page, at the cited section.
    await source.first().locator('a').click();
    const viewer = page.locator('#document-viewer');
    await expect.poll(() => viewer.locator('[data-viewer-title]').innerText(), { timeout: 30_000 }).toBe('ACME Industrial Supplies — Master Supply Agreement');
    expect(await viewer.locator('section.cited h3').innerText()).toBe('4. Payment Terms');
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('"Order 10 laptops from ACME" shows an action card; approving it adds the order to the table', async () => {
    const { page, violations, errors } = await openDemo();
    await page.locator('parley-chat [part~="launcher"]').click();
    await ask(page, 'Order 10 laptops from ACME');
    // The full card: its code loads on first use, until then a busy frame shows the title.
    const card = page.locator('parley-chat [part~="action"]:not([aria-busy])');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.innerText()).toContain('ACME Industrial Supplies');
    expect(await page.locator('#orders-body tr').count()).toBe(4);
    await page.locator('parley-chat [part~="action-approve"]').click();
    const added = page.locator('#orders-body tr.is-new');
    await added.waitFor({ timeout: 30_000 });
    expect(await added.innerText()).toMatch(/PO-2026-0142[\s\S]*ACME Industrial Supplies[\s\S]*10 × ProBook 14 laptop[\s\S]*USD 11,500/);
    // The audit trail shows the proposal, the approval and the run, by the signed-in user.
    const activity = await page.locator('#activity-log').innerText();
    expect(activity).toMatch(/Alice Chen · approved · create_purchase_order/);
    expect(activity).toMatch(/Alice Chen · ran · create_purchase_order .*PO-2026-0142/);
    // The model confirms it from the tool result.
    await expect.poll(() => page.locator('parley-chat [part~="message"][part~="assistant"]').last().innerText(), { timeout: 30_000 }).toContain('PO-2026-0142');
    // A reload restores the conversation, and the table still has the order it says was created.
    await page.reload();
    await page.locator('#orders-body tr').filter({ hasText: 'PO-2026-0142' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#orders-body tr').count()).toBe(5);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('in 中文 the action card, its argument names and the result status are Chinese', async () => {
    const { page, violations, errors } = await openDemo();
    await page.selectOption('#language-select', 'zh-CN');
    await page.locator('parley-chat [part~="launcher"]').click();
    await ask(page, '帮我向ACME订购10台笔记本');
    const card = page.locator('parley-chat [part~="action"]:not([aria-busy])');
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.action-title').innerText()).toContain('创建采购订单');
    expect(await card.locator('dt').allInnerTexts()).toEqual(['供应商', '物品', '物料编码', '数量', '单价', '币种']);
    await page.locator('parley-chat [part~="action-approve"]').click();
    await expect.poll(() => card.locator('[role="status"]').innerText(), { timeout: 30_000 }).toContain('结果：待部门负责人审批');
    expect(await page.locator('#orders-body tr.is-new').innerText()).toContain('待部门负责人审批');
    // Back in English, the same card reads in English again.
    await page.selectOption('#language-select', 'en');
    await expect.poll(() => card.locator('.action-title').innerText()).toContain('Create purchase order');
    expect(await card.locator('dt').first().innerText()).toBe('Supplier');
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('answers "What is the status of this order?" about the purchase order open in the page', async () => {
    const { page } = await openDemo();
    await page.locator('button.prompt', { hasText: 'What is the status of this order?' }).click();
    const answer = page.locator('parley-chat [part~="message"][part~="assistant"]').last();
    await expect.poll(() => answer.innerText(), { timeout: 30_000 }).toContain('Retrieval demo');
    const text = await answer.innerText();
    expect(text).toContain('PO-2025-0117');
    expect(text).toContain('Awaiting CFO approval');
    expect(text).toContain('USD 48,320');
    await page.context().close();
  }, 120_000);

  it('never cites the restricted strategy document to bob, but does to alice', async () => {
    const { page } = await openDemo();
    await page.locator('parley-chat [part~="launcher"]').click();
    await ask(page, 'What is our negotiation strategy with ACME?');
    const restricted = page.locator('parley-chat [part~="citation"]').filter({ hasText: 'ACME Renegotiation Strategy 2026' });
    await restricted.first().waitFor({ timeout: 30_000 });

    await page.locator('#user-select').selectOption('bob');
    await expect.poll(() => page.locator('#user-hint').innerText()).toContain('Warehouse clerk');
    await ask(page, 'What is our negotiation strategy with ACME?');
    await expect.poll(() => page.locator('parley-chat [part~="message"][part~="assistant"]').last().innerText(), { timeout: 30_000 }).toContain('Retrieval demo');
    expect(await restricted.count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('still answers after the gateway restarts with a new signing key, without a reload', async () => {
    // A gateway of its own: the one the other tests share keeps running.
    let own = await startServer();
    try {
      const { page, errors } = await openDemo('/', undefined, own.url);
      await page.locator('parley-chat [part~="launcher"]').click();
      const answers = page.locator('parley-chat [part~="message"][part~="assistant"]');
      await ask(page, 'What are the payment terms with ACME?');
      await expect.poll(() => answers.last().innerText(), { timeout: 30_000 }).toContain('Net 45');
      // The answer is over before the restart: a gateway that dies mid-answer is the faults suite's.
      const status = () => page.locator('parley-chat').evaluate((el) => (el as unknown as { conversation: { getSnapshot(): { status: string } } }).conversation.getSnapshot().status);
      await expect.poll(status, { timeout: 30_000 }).toBe('idle');

      // `npm start` signs tokens with a secret it generates at start-up: the page's token dies with the process.
      const restart = async () => {
        const port = new URL(own.url).port;
        await new Promise((resolve) => {
          own.child.once('exit', resolve);
          own.child.kill('SIGTERM');
        });
        own = await startServer(Number(port));
      };
      await restart();

      await ask(page, 'How often are laptops replaced?');
      await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(2);
      await expect.poll(() => answers.last().innerText(), { timeout: 30_000 }).toContain('every 3 years');
      expect(await page.locator('parley-chat').innerText()).not.toContain('signed out');
      // The page's own requests (a cited document, fetched with the user's token) work too.
      await page.locator('parley-chat [part~="citation"]').filter({ hasText: 'IT Equipment Standard' }).first().locator('a').click();
      const viewerTitle = () => page.locator('#document-viewer [data-viewer-title]').innerText();
      await expect.poll(viewerTitle, { timeout: 30_000 }).toBe('IT Equipment Standard (STD-IT-002)');

      // Restarted again, and the first request is the page's own: it asks for a new token too.
      await page.locator('#document-viewer [data-viewer-close]').click();
      await restart();
      await page.locator('parley-chat [part~="citation"]').filter({ hasText: 'IT Equipment Standard' }).first().locator('a').click();
      await expect.poll(viewerTitle, { timeout: 30_000 }).toBe('IT Equipment Standard (STD-IT-002)');
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      own.child.kill('SIGTERM');
    }
  }, 120_000);

  it('fits a 360 px wide phone: no page scrolls sideways, in either language', async () => {
    const overflowing: string[] = [];
    for (const path of ['/', '/inline.html', '/docs/acme-supply-agreement']) {
      for (const lang of ['en', 'zh-CN']) {
        const { page } = await openDemo(path, { width: 360, height: 740 });
        await page.evaluate((next) => sessionStorage.setItem('parley-demo-lang', next), lang);
        await page.reload();
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, clientWidth: document.scrollingElement!.clientWidth }));
        if (scrollWidth > clientWidth) overflowing.push(`${path} (${lang}): ${scrollWidth} px wide`);
        await page.context().close();
      }
    }
    expect(overflowing).toEqual([]);
  }, 120_000);
});
