import { describe, expect, it } from 'vitest';
import { en, zhCN as exportedZhCN, zhTW as exportedZhTW } from '../index.js';
import { en as startEnglish } from './en.js';
import { zhCN } from './zh-cn.js';
import { zhTW } from './zh-tw.js';

/**
 * The names of a table's strings, `markdown`'s as `markdown.<name>`, each with its kind (a string,
 * or a function of so many values). `errorReasons` is left out: English has none, it shows the
 * client's own words (both Chinese tables name every reason: `satisfies Record<ChatErrorReason, …>`).
 */
function strings(table: object): string[] {
  return Object.entries(table)
    .flatMap(([key, value]): Array<[string, unknown]> =>
      key === 'errorReasons' ? [] : key === 'markdown' ? Object.entries(value as object).map(([name, label]) => [`markdown.${name}`, label]) : [[key, value]],
    )
    .map(([key, value]) => `${key}: ${typeof value === 'function' ? `function/${value.length}` : typeof value}`)
    .sort();
}

describe('the translation tables', () => {
  it('English as the package exports it, zh-CN and zh-TW have the same strings: a translator sees every English string, and a new one cannot be left out of a table', () => {
    expect(strings(zhCN)).toEqual(strings(en));
    expect(strings(zhTW)).toEqual(strings(en));
    expect(Object.keys(zhTW.errorReasons ?? {}).sort()).toEqual(Object.keys(zhCN.errorReasons ?? {}).sort());
  });

  it('exports the English of lazily loaded parts with the start table as it is', () => {
    expect(en).toMatchObject(startEnglish);
    expect(en.copy).toBe('Copy answer');
    expect(en.actionPending).toBe('Waiting for your approval');
    expect(en.feedbackThanks).toBe('Thank you for your feedback.');
    expect(en.editQuestion).toBe('Edit');
    expect(en.markdown.linkOpen).toBe('Open');
    expect(en.sentAt('14:03')).toBe('Sent at 14:03');
  });

  it('exports the Chinese tables typed as complete, as English is: a host reads any string without a check for undefined (`npx tsc` fails otherwise)', () => {
    expect(exportedZhCN.sentAt('14:03')).toContain('14:03');
    expect(exportedZhTW.copy.length).toBeGreaterThan(0);
    expect(exportedZhCN.markdown.linkOpen).toBe('打开');
  });
});
