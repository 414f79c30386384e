export { ParleyChat } from './define.js';
export { defineParleyMarkdown, ParleyMarkdown } from './exports/parley-markdown.js';
export type { ParleyMode, ParleyPersist, ParleyTheme } from './parley-chat/parley-chat.js';
export type {
  ParleySendDetail,
  ParleyResponseDetail,
  ParleyErrorDetail,
  ParleyActionDetail,
  ParleyFeedbackDetail,
  ParleyCitationOpenDetail,
  ParleyEventDetails,
  ParleyEventMap,
} from './events.js';
export type { ParleyTranslation, ParleyTranslationOverrides } from './i18n/translation.js';
export { en } from './exports/en.js';
export type { CompleteTranslation } from './i18n/translation.js';
export { zhCN } from './exports/zh-cn.js';
export { zhTW } from './exports/zh-tw.js';
export { registerLocale } from './i18n/resolve-translation.js';
export type {
  ParleyPlugin,
  PluginContext,
  CitationContext,
  CitationPlugin,
  ActionPlugin,
  DataRenderer,
  PluginRenderResult,
} from './plugins/parley-plugin.js';
export { definePlugin } from './plugins/define-plugin.js';
export { pluginErrorCode } from './plugins/plugin-host.js';
export type { ParleyThemeTokens, ParleyThemeObject } from './theme/theme-tokens.js';
export type { ModelChoice } from './parts/model-picker.js';
export { renderMarkdown } from './markdown/render-markdown.js';
export type { RenderMarkdownOptions } from './markdown/render-markdown.js';
export { markdownStyles } from './exports/markdown-styles.js';
export { englishMarkdownLabels } from './exports/markdown-labels.js';
export type { MarkdownLabels } from './markdown/markdown-labels.js';
export type { CitationMarkerDetail, CitationMarkerEvent } from './markdown/citation-marker-event.js';
