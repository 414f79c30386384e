import { en } from './en.js';
import type { ParleyTranslation, ParleyTranslationOverrides } from './translation.js';

type LoadTable = () => Promise<ParleyTranslation>;

// Each built-in language beyond English is its own chunk: a page downloads only the one it speaks.
const loadZhCN: LoadTable = () => import('./zh-cn.js').then((module) => module.zhCN);
const loadZhTW: LoadTable = () => import('./zh-tw.js').then((module) => module.zhTW);

/** Tables by lower-case BCP 47 tag: the built-in ones (a loader until first use) and those a host registered. */
const tables = new Map<string, ParleyTranslation | LoadTable>([
  ['en', en],
  ['zh-cn', loadZhCN],
  ['zh-hans', loadZhCN],
  ['zh-tw', loadZhTW],
  ['zh-hant', loadZhTW],
  ['zh-hk', loadZhTW],
  ['zh-mo', loadZhTW],
]);
const loading = new Map<LoadTable, Promise<void>>();
let version = 0;

/**
 * The table for a language tag: the longest matching prefix of its subtags (`zh-Hant-TW` →
 * `zh-hant`), then the first table of the same language (`zh` → `zh-CN`), then English. Host
 * overrides win over every locale; keys a locale lacks fall back to English. A built-in table
 * not loaded yet reads as English: await `loadTranslation(lang)` first.
 */
export function resolveTranslation(lang: string | undefined, overrides?: ParleyTranslationOverrides): ParleyTranslation {
  // A built-in table not loaded yet is its loader, a function: spread, it gives nothing.
  return over({ ...en, ...tables.get(findTag(lang)) }, overrides);
}

/**
 * `table` with the strings `overrides` gives. One given as `undefined` (or `null`) is left as in
 * `table`, as one left out is: a host spreading its settings (`{ actionNumbered: numbered }`) does
 * not take a string away, which a render reading it would fail on.
 */
function over<Table extends ParleyTranslation>(table: Table, overrides?: Partial<Table>): Table {
  for (const key in overrides) table[key] = overrides[key] ?? table[key];
  return table;
}

/**
 * Loads the built-in table `lang` resolves to; `undefined` when it is ready already. Never
 * rejects: a table that cannot be loaded (the chunk is missing) leaves that language in English,
 * said once on the console, rather than a widget that never renders.
 */
export function loadTranslation(lang: string | undefined): Promise<void> | undefined {
  const load = tables.get(findTag(lang));
  if (typeof load !== 'function') return undefined;
  let pending = loading.get(load);
  if (!pending) {
    pending = load().then(
      (table) => settle(load, table),
      (error: unknown) => {
        console.error(`<parley-chat>: the "${String(lang)}" strings could not be loaded; showing English.`, error);
        settle(load, en);
      },
    );
    loading.set(load, pending);
  }
  return pending;
}

/**
 * Adds (or replaces) a language at run time, e.g. `registerLocale('ja', { heading: 'アシスタント', … })`.
 * Keys it leaves out fall back to English; `locale` defaults to the tag (used for `Intl`).
 */
export function registerLocale(tag: string, table: ParleyTranslationOverrides): void {
  if (typeof tag !== 'string' || !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) throw new TypeError(`registerLocale(tag, table): "${String(tag)}" is not a BCP 47 language tag.`);
  if (typeof table !== 'object' || table === null) throw new TypeError('registerLocale(tag, table): table must be an object.');
  tables.set(tag.toLowerCase(), over({ ...en, locale: tag }, table));
  version++;
}

/** Changes whenever a locale is registered or loaded, so cached tables can be refreshed. */
export function localeVersion(): number {
  return version;
}

/** Every tag the loader served gets the table (a host's `registerLocale` since then stays). */
function settle(load: LoadTable, table: ParleyTranslation): void {
  for (const [tag, entry] of tables) if (entry === load) tables.set(tag, table);
  version++;
}

function findTag(lang: string | undefined): string {
  // `zh_CN` too: how Java's Locale and many server templates write a page's language.
  const subtags = (lang ?? '').toLowerCase().split(/[-_]/);
  for (let length = subtags.length; length > 0; length--) {
    const prefix = subtags.slice(0, length).join('-');
    if (tables.has(prefix)) return prefix;
  }
  return [...tables.keys()].find((key) => key.split('-')[0] === subtags[0]) ?? 'en';
}
