import { describe, expect, it, vi } from 'vitest';
import { ParleyChat } from '../parley-chat/parley-chat.js';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';
import { en } from './en.js';
import { zhCN } from './zh-cn.js';
import { zhTW } from './zh-tw.js';

const gateway = useMockGateway();

describe('zh-TW', () => {
  it('is not a copy of zh-CN: Traditional characters (complete-english.browser.test.ts checks every key is there)', () => {
    const sameAsSimplified = (Object.keys(zhTW) as Array<keyof typeof zhTW>).filter((key) => typeof zhTW[key] === 'string' && zhTW[key] === zhCN[key]);
    expect(sameAsSimplified.length).toBeLessThan(Object.keys(zhTW).length / 2);
    expect(zhTW.heading).toBe('智慧助理');
  });

  it('is set in Traditional fonts, Simplified Chinese in Simplified ones, and a host font wins over both', async () => {
    const font = async (attributes: Record<string, string>) => {
      const el = await mountChat(attributes);
      await vi.waitFor(() => expect(shadowPart(el, '[part~="panel"]')!.getAttribute('lang')).toBe(attributes.lang === 'en' ? 'en' : attributes.lang));
      const family = getComputedStyle(shadowPart(el, '[part~="panel"]')!).fontFamily;
      el.remove();
      return family;
    };
    expect(await font({ lang: 'zh-TW' })).toContain('"PingFang TC", "Microsoft JhengHei"');
    expect(await font({ lang: 'zh-TW' })).not.toContain('SC');
    expect(await font({ lang: 'zh-CN' })).toContain('"PingFang SC", "Microsoft YaHei"');
    expect(await font({ lang: 'zh-TW', style: '--parley-font-family: Georgia, serif' })).toBe('Georgia, serif');
  });

  it('is picked for zh-TW, zh-Hant and zh-HK, while zh and zh-Hans stay Simplified', async () => {
    for (const [lang, heading] of [
      ['zh-TW', '智慧助理'],
      ['zh-Hant-TW', '智慧助理'],
      ['zh-HK', '智慧助理'],
      ['zh', '智能助手'],
      ['zh-Hans-CN', '智能助手'],
      // How Java, .NET-era and PHP back ends write the page's language (Locale.toString(), zh_CN).
      ['zh_CN', '智能助手'],
      ['zh_TW', '智慧助理'],
      ['zh_Hant_HK', '智慧助理'],
    ]) {
      const el = await mountChat({ lang: lang! });
      expect(shadowPart(el, '.heading')!.textContent, lang).toBe(heading);
      el.remove();
    }
  });

  it('labels the conversation, composer and action card in Traditional Chinese', async () => {
    gateway.serve(gatewayUrl, () =>
      sse([{ type: 'tool-call', toolCall: { id: 'c1', name: 'closeOrder', args: { id: 'PO-1' } } }, { type: 'finish', reason: 'tool-calls' }]),
    );
    const el = await mountChat({ lang: 'zh-TW' }, (chat) => (chat.actions = { closeOrder: { title: '結案採購單', description: 'Close a PO', run: () => 'ok' } }));
    expect(shadowPart(el, '[part~="send"]')!.textContent!.trim()).toBe('傳送');
    expect(shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!.placeholder).toBe('請輸入您的問題…');
    void el.send('結案 PO-1');
    // The full card (its code loads on first use; until then a frame shows the title only).
    await vi.waitFor(() => expect(shadowPart(el, '.action-edit-toggle')).not.toBeNull());
    expect(shadowPart(el, '.action-title')!.textContent).toBe('助理請求執行「結案採購單」');
    expect(shadowPart(el, '[part~="action-approve"]')!.textContent).toBe('核准');
    expect(shadowPart(el, '.action-edit-toggle')!.textContent!.trim()).toBe('修改');
    await vi.waitFor(() => expect(shadowPart(el, '[part~="composer"]')!.textContent).toContain('請先核准或拒絕上方的操作。'));
  });
});

describe('registerLocale', () => {
  it('adds a language at run time; strings it leaves out fall back to English', async () => {
    ParleyChat.registerLocale('ja', { heading: 'アシスタント', send: '送信', placeholder: '質問を入力…' });
    const el = await mountChat({ lang: 'ja-JP' });
    expect(shadowPart(el, '.heading')!.textContent).toBe('アシスタント');
    expect(shadowPart(el, '[part~="send"]')!.textContent!.trim()).toBe('送信');
    expect(shadowPart(el, '[part~="panel"]')!.getAttribute('lang')).toBe('ja');
    expect(shadowPart(el, '.empty')!.textContent).toBe(en.emptyState);
  });

  it('refuses a tag that is not a language tag, naming it', () => {
    expect(() => ParleyChat.registerLocale('not a tag', {})).toThrow('"not a tag" is not a BCP 47 language tag');
  });
});
