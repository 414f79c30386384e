import { en } from './en.js';
import type { ParleyTranslation, ParleyTranslationOverrides } from './translation.js';
import { zhCN } from './zh-cn.js';
import { zhTW } from './zh-tw.js';

/** Tables by lower-case BCP 47 tag: the built-in ones and those a host registered. */
const tables: Record<string, ParleyTranslation> = {
  en,
  'zh-cn': zhCN,
  'zh-hans': zhCN,
  'zh-tw': zhTW,
  'zh-hant': zhTW,
  'zh-hk': zhTW,
  'zh-mo': zhTW,
};
let version = 0;

/**
 * The table for a language tag: the longest matching prefix of its subtags (`zh-Hant-TW` →
 * `zh-hant`), then the first table of the same language (`zh` → `zh-CN`), then English. Host
 * overrides win over every locale; keys a locale lacks fall back to English.
 */
export function resolveTranslation(lang: string | undefined, overrides?: ParleyTranslationOverrides): ParleyTranslation {
  const table = findTable((lang ?? '').toLowerCase()) ?? en;
  return { ...en, ...table, ...overrides };
}

/**
 * Adds (or replaces) a language at run time, e.g. `registerLocale('ja', { heading: 'アシスタント', … })`.
 * Keys it leaves out fall back to English; `locale` defaults to the tag (used for `Intl`).
 */
export function registerLocale(tag: string, table: ParleyTranslationOverrides): void {
  if (typeof tag !== 'string' || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) throw new TypeError(`registerLocale(tag, table): "${String(tag)}" is not a BCP 47 language tag.`);
  if (typeof table !== 'object' || table === null) throw new TypeError('registerLocale(tag, table): table must be an object of translated strings.');
  tables[tag.toLowerCase()] = { ...en, ...table, locale: table.locale ?? tag };
  version++;
}

/** Changes whenever a locale is registered, so cached tables can be refreshed. */
export function localeVersion(): number {
  return version;
}

function findTable(tag: string): ParleyTranslation | undefined {
  if (!tag) return undefined;
  const subtags = tag.split('-');
  for (let length = subtags.length; length > 0; length--) {
    const table = tables[subtags.slice(0, length).join('-')];
    if (table) return table;
  }
  const language = subtags[0] ?? '';
  const prefixed = Object.keys(tables).find((key) => key.split('-')[0] === language);
  return prefixed ? tables[prefixed] : undefined;
}
