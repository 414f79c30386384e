import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

const gateway = useMockGateway();
afterEach(() => document.body.replaceChildren());

const loginPage = '<!doctype html><html><head><title>统一身份认证</title></head><body><form action="/sso/login">…</form></body></html>';

// No Chinese table is imported here: the element loads the one it needs, hints included.
describe('a failure the client names itself, on a Chinese page', () => {
  for (const [lang, hint] of [
    ['zh-CN', '助手服务返回了网页（可能是登录页），而不是回答。'],
    ['zh-TW', '助理服務傳回了網頁（可能是登入頁面），而不是回答。'],
  ] as const) {
    it(`${lang}: a login page where the answer should stream is explained in Chinese, the client's English words kept below`, async () => {
      gateway.serve(gatewayUrl, () => new HttpResponse(loginPage, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
      const el = await mountChat({ lang });
      await el.send('付款条件是什么？');
      await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')).not.toBeNull());
      await el.updateComplete;
      const alert = shadowPart(el, '[role="alert"]')!;
      expect(alert.querySelector('.error-hint')!.textContent).toContain(hint);
      const english = alert.querySelector<HTMLElement>('.error-detail')!;
      expect(english.textContent).toContain('HTML page');
      expect(english.lang).toBe('en');
      // On its own line, under the Chinese.
      expect(english.getBoundingClientRect().top).toBeGreaterThanOrEqual(alert.querySelector('.error-hint')!.getBoundingClientRect().bottom - 1);
    });
  }
});
