import type { CompleteTranslation, ParleyTranslation } from '../i18n/translation.js';
import { zhCN as table } from '../i18n/zh-cn.js';

/**
 * The Simplified Chinese (zh-CN) translation table (i18n/zh-cn.ts). A binding of its own, not a re-export:
 * a page in another language never loads it, and an app's esbuild keeps it out of the start
 * chunk unless the app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const zhCN: CompleteTranslation & Pick<ParleyTranslation, 'errorReasons'> = table;
