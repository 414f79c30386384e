import type { CompleteTranslation, ParleyTranslation } from '../i18n/translation.js';
import { zhTW as table } from '../i18n/zh-tw.js';

/**
 * The Traditional Chinese (zh-TW) translation table (i18n/zh-tw.ts). A binding of its own, not a re-export:
 * a page in another language never loads it, and an app's esbuild keeps it out of the start
 * chunk unless the app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const zhTW: CompleteTranslation & Pick<ParleyTranslation, 'errorReasons'> = table;
