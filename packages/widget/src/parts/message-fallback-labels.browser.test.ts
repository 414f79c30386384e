import { describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { defineParleyMarkdown } from '../markdown/parley-markdown.js';
import { zhCN } from '../i18n/zh-cn.js';
import { sse, useMockGateway, transcriptViewsModule } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowParts } from '../testing/mount-chat.js';

/**
 * An app that renders markdown with Parley's own `<parley-markdown>` (`defineParleyMarkdown` from
 * the npm package) has it defined; when the chat's transcript views then fail to load, the
 * fallback shows its answers through that element. Their code blocks' Copy buttons speak the
 * chat's language, as in the full view, not the renderer's English.
 */
const gateway = useMockGateway();

describe('an answer shown through the fallback on a page that defined <parley-markdown>', () => {
  it("has the chat's own labels, in the person's language", async () => {
    defineParleyMarkdown();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    gateway.serve(gatewayUrl, () => sse([{ type: 'start' }, { type: 'text-delta', delta: '运行：\n\n```sh\nnpm ci\n```\n' }, { type: 'finish', reason: 'stop' }]));
    gateway.worker.use(http.get(transcriptViewsModule, () => HttpResponse.error()));
    const el = await mountChat({ lang: 'zh-CN' }, undefined, { transcript: 'lazy' });
    expect(await el.send('怎么安装？')).toBe(true);
    await vi.waitFor(() => expect(shadowParts(el, '.part-failed')).toHaveLength(1));
    const copy = () => shadowParts(el, '[part~="assistant"] parley-markdown')[0]!.querySelector('.parley-code-copy');
    await vi.waitFor(() => expect(copy()?.textContent).toBe(zhCN.codeCopy));
    error.mockRestore();
  });
});
