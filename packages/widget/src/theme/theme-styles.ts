import { css } from 'lit';

/**
 * Themes set private `--_t-*` defaults; the public `--parley-*` tokens, set by the host on the
 * element or any ancestor, always win (material-web's public → private token mapping). Answers'
 * text follows `--parley-color-text` unless its own token is set (answers sit on the background);
 * the person's text stays paired with their bubble's colour: the theme's own text colour (every
 * theme's bubble carries it), not `--parley-color-text`.
 */
const light = css`
  --_t-bg: #fff;
  --_t-surface: #f5f6f8;
  --_t-text: #1c1f24;
  --_t-muted: #5b6270;
  --_t-border: #d5d9e0;
  --_t-accent: #1f5fd1;
  --_t-on-accent: #fff;
  --_t-user-bubble: #e8f0fe;
  --_t-assistant-bubble: transparent;
  --_t-error: #a4121c;
  --_t-error-bg: #fdecee;
  --_t-focus: #1f5fd1;
  --_t-shadow: 0 8px 28px rgba(16, 24, 40, 0.18);
  --_t-code-bg: #f6f8fa;
  --_t-success: #1a7f37;
  --_t-watermark: rgba(28, 31, 36, 0.07);
`;

const dark = css`
  --_t-bg: #17191d;
  --_t-surface: #22252b;
  --_t-text: #eceef1;
  --_t-muted: #a5acb8;
  --_t-border: #3a3f48;
  --_t-accent: #7aa7ff;
  --_t-on-accent: #0d1420;
  --_t-user-bubble: #263553;
  --_t-assistant-bubble: transparent;
  --_t-error: #ffb3b8;
  --_t-error-bg: #3d1a1d;
  --_t-focus: #9dbdff;
  --_t-shadow: 0 8px 28px rgba(0, 0, 0, 0.5);
  --_t-code-bg: #0f1114;
  --_t-success: #56d364;
  --_t-watermark: rgba(236, 238, 241, 0.07);
`;

const highContrast = css`
  --_t-bg: #000;
  --_t-surface: #000;
  --_t-text: #fff;
  --_t-muted: #fff;
  --_t-border: #fff;
  --_t-accent: #ff0;
  --_t-on-accent: #000;
  --_t-user-bubble: #000;
  --_t-assistant-bubble: #000;
  --_t-error: #fff;
  --_t-error-bg: #000;
  --_t-focus: #ff0;
  --_t-shadow: none;
  --_t-code-bg: #000;
  --_t-success: #fff;
  --_t-watermark: rgba(255, 255, 255, 0.12);
`;

export const themeStyles = css`
  :host {
    ${light}
  }
  :host([theme='dark']) {
    ${dark}
  }
  :host([theme='high-contrast']) {
    ${highContrast}
    --_border-width: 2px;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${dark}
    }
  }
  :host {
    --_bg: var(--parley-color-background, var(--_t-bg));
    --_surface: var(--parley-color-surface, var(--_t-surface));
    --_text: var(--parley-color-text, var(--_t-text));
    --_muted: var(--parley-color-muted, var(--_t-muted));
    --_border: var(--parley-color-border, var(--_t-border));
    --_accent: var(--parley-color-accent, var(--_t-accent));
    --_on-accent: var(--parley-color-on-accent, var(--_t-on-accent));
    --_user-bubble: var(--parley-color-user-bubble, var(--_t-user-bubble));
    --_user-text: var(--parley-color-user-text, var(--_t-text));
    --_assistant-bubble: var(--parley-color-assistant-bubble, var(--_t-assistant-bubble));
    --_error: var(--parley-color-error, var(--_t-error));
    --_error-bg: var(--parley-color-error-background, var(--_t-error-bg));
    --_focus: var(--parley-focus-ring-color, var(--_t-focus));
    --_shadow: var(--parley-elevation, var(--_t-shadow));
    --_font: var(--parley-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    --_font-size: var(--parley-font-size, 14px);
    --_radius: var(--parley-radius, 10px);
    --_space: var(--parley-spacing, 8px);
    --_height: var(--parley-height, 560px);
    --_width: var(--parley-width, 380px);
    --_z: var(--parley-z-index, 2147483000);
    --_code-bg: var(--parley-color-code-background, var(--_t-code-bg));
    --_assistant-text: var(--parley-color-assistant-text, var(--_text));
    --_success: var(--parley-color-success, var(--_t-success));
    --_watermark: var(--parley-watermark-color, var(--_t-watermark));
    --_line-height: var(--parley-line-height, 1.5);
    --_heading-weight: var(--parley-font-weight-heading, 600);
    --_radius-small: var(--parley-radius-small, calc(var(--_radius) * 0.7));
    --_focus-width: var(--parley-focus-ring-width, 2px);
    --_card-shadow: var(--parley-elevation-card, none);
  }
  /* <parley-markdown> reads the public tokens; inside the transcript they carry the theme's values. */
  .messages {
    --parley-color-border: var(--_border);
    --parley-color-surface: var(--_surface);
    --parley-color-focus: var(--_focus);
    --parley-color-code-background: var(--_code-bg);
  }
`;
