import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import { chatErrorReasonSchema } from '@parley/client';
import { en } from '../i18n/en.js';
import { zhCN } from '../i18n/zh-cn.js';
import { zhTW } from '../i18n/zh-tw.js';
import { renderErrorNotice } from './error-notice.js';

function show(error: Parameters<typeof renderErrorNotice>[0], t = en) {
  const host = document.createElement('div');
  let retried = 0;
  render(renderErrorNotice(error, t, () => retried++), host);
  const alert = host.querySelector<HTMLElement>('[role="alert"]')!;
  return { alert, retry: alert.querySelector('button'), retried: () => retried };
}

describe('error notice', () => {
  it('names the way out for each failure, in the person’s language', () => {
    expect(show({ code: 'network', message: 'fetch failed' }).alert.textContent).toContain('cannot be reached');
    expect(show({ code: 'network', message: 'fetch failed' }).alert.textContent).toContain('Check your connection');
    // The gateway answered: busy, not a connection to check (Anthropic's overloaded_error, also mid-stream).
    expect(show({ code: 'http_503', message: '', status: 503 }).alert.textContent).toContain('Wait a moment, then retry');
    expect(show({ code: 'http_503', message: '', status: 503, retryAfterMs: 30_000 }).alert.textContent).toContain('retry in 30 s');
    expect(show({ code: 'overloaded_error', message: 'Overloaded', retryable: true }, zhCN).alert.textContent).toContain('请稍候再重试');
    expect(show({ code: 'overloaded_error', message: 'Overloaded', retryable: true }).alert.textContent).not.toContain('connection');
    expect(show({ code: 'http_401', message: '', status: 401 }, zhCN).alert.textContent).toContain('请重新登录后重试');
    expect(show({ code: 'rate_limit_exceeded', message: '', status: 429, retryAfterMs: 20_000 }).alert.textContent).toContain('retry in 20 s');
    expect(show({ code: 'rate_limit_exceeded', message: '', status: 429, retryAfterMs: 20_000 }, zhCN).alert.textContent).toContain('20 秒后可重试');
    expect(show({ code: 'timeout', message: '' }).alert.textContent).toContain('stopped arriving');
  });

  it('offers Retry, except for a message the host blocked (never sent), whose reason it shows', () => {
    const down = show({ code: 'network', message: '' });
    down.retry!.click();
    expect(down.retried()).toBe(1);
    const blocked = show({ code: 'blocked', message: 'Contains a customer ID number.' });
    expect(blocked.alert.textContent).toContain('Contains a customer ID number.');
    expect(blocked.retry).toBeNull();
  });

  it('a failure the client will not retry shows its words; a refused request (wrong endpoint) gets no Retry, a broken stream does', () => {
    const wrong = show({ code: 'http_404', message: 'The endpoint /api/chta was not found (HTTP 404): check the endpoint URL.', status: 404, retryable: false }, zhCN);
    expect(wrong.alert.dataset.errorKind).toBe('permanent');
    expect(wrong.alert.textContent).toContain('/api/chta was not found');
    expect(wrong.retry).toBeNull();
    // A stream the gateway broke after a 2xx: said as the client says it, and Retry may help.
    const broken = show({ code: 'bad_response', message: 'The gateway sent a frame that is not JSON.', status: 200, retryable: false });
    expect(broken.alert.textContent).toContain('not JSON');
    expect(broken.retry).not.toBeNull();
    // The host's headers() failed (its token endpoint, for a moment): Retry, with the generic hint.
    const token = show({ code: 'headers_failed', message: 'headers() threw: token endpoint answered 503', retryable: true });
    expect(token.retry).not.toBeNull();
    expect(token.alert.textContent).not.toContain('headers()');
    // The same code with nothing said about retrying keeps the generic hint and Retry.
    const unknown = show({ code: 'http_418', message: 'teapot', status: 418 });
    expect(unknown.alert.textContent).not.toContain('teapot');
    expect(unknown.retry).not.toBeNull();
  });

  it('a failure the client names (its reason) is said in Chinese, its English words kept on a line below', () => {
    const reasons = chatErrorReasonSchema.def.values;
    for (const t of [zhCN, zhTW]) {
      for (const reason of reasons) {
        const english = `The client's own words for ${reason}.`;
        const { alert } = show({ code: 'bad_response', reason, message: english, status: 200, retryable: false }, t);
        expect(alert.querySelector('.error-hint')!.textContent, `${t.locale} ${reason}`).toBe(t.errorReasons![reason]);
        expect(alert.querySelector('.error-hint')!.textContent).toMatch(/[\u4e00-\u9fff]/);
        const detail = alert.querySelector<HTMLElement>('.error-detail')!;
        expect(detail.textContent).toBe(english);
        expect(detail.lang).toBe('en');
      }
    }
    const login = { code: 'bad_response', reason: 'html-page' as const, message: 'The gateway answered with an HTML page (text/html), not a stream: a proxy or login page is in the way.', status: 200, retryable: false };
    expect(show(login, zhTW).alert.textContent).toContain('登入頁面');
    // English has no table of reasons: the client's words are the hint, shown once.
    const english = show(login);
    expect(english.alert.querySelector('.error-hint')!.textContent).toBe(login.message);
    expect(english.alert.querySelector('.error-detail')).toBeNull();
  });

  it('a reason the table does not have (a newer client’s, or a name every object has) shows the client’s words', () => {
    for (const reason of ['future-format', 'toString', 'constructor', '__proto__']) {
      const { alert } = show({ code: 'bad_response', reason, message: 'The gateway answered in a format from the future.', status: 200, retryable: false }, zhCN);
      expect(alert.querySelector('.error-hint')!.textContent, reason).toBe('The gateway answered in a format from the future.');
      expect(alert.querySelector('.error-detail'), reason).toBeNull();
    }
  });
});
