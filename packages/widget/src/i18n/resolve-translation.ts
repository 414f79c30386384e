import { en } from './en.js';
import type { ParleyTranslation, ParleyTranslationOverrides } from './translation.js';
import { zhCN } from './zh-cn.js';

/** Built-in tables by lower-case BCP 47 tag. */
const builtIn: Record<string, ParleyTranslation> = { en, 'zh-cn': zhCN };

/**
 * The table for a language tag: an exact match, then the bare language (`zh-Hans-CN` → `zh` → the
 * first `zh-*` table), then English. Host overrides win over every locale; keys a locale
 * lacks fall back to English.
 */
export function resolveTranslation(lang: string | undefined, overrides?: ParleyTranslationOverrides): ParleyTranslation {
  const table = findTable((lang ?? '').toLowerCase()) ?? en;
  return { ...en, ...table, ...overrides };
}

function findTable(tag: string): ParleyTranslation | undefined {
  if (!tag) return undefined;
  const exact = builtIn[tag];
  if (exact) return exact;
  const language = tag.split('-')[0] ?? '';
  if (builtIn[language]) return builtIn[language];
  const prefixed = Object.keys(builtIn).find((key) => key.split('-')[0] === language);
  return prefixed ? builtIn[prefixed] : undefined;
}
