import type { TokenValues } from './design-tokens.js';

/** Three brands that look nothing alike, each readable (WCAG AA contrast) in every part. */

/** A bank's intranet: deep teal, serif type, quiet corners. */
export const harborBank: TokenValues = {
  '--parley-color-background': '#fbfcfd',
  '--parley-color-surface': '#eef3f6',
  '--parley-color-text': '#10212b',
  '--parley-color-muted': '#475a65',
  '--parley-color-border': '#c9d6de',
  '--parley-color-accent': '#0b4f6c',
  '--parley-color-on-accent': '#ffffff',
  '--parley-color-user-bubble': '#dcebf2',
  '--parley-color-user-text': '#10212b',
  '--parley-focus-ring-color': '#0b4f6c',
  '--parley-font-family': "Georgia, 'Times New Roman', 'Songti SC', serif",
  '--parley-font-size': '15px',
  '--parley-radius': '4px',
  '--parley-spacing': '8px',
};

/** A logistics company's Chinese ERP: jade green, round bubbles, PingFang. */
export const jadeLogistics: TokenValues = {
  '--parley-color-background': '#ffffff',
  '--parley-color-surface': '#eef6f2',
  '--parley-color-text': '#16302a',
  '--parley-color-muted': '#44605a',
  '--parley-color-border': '#c6ddd4',
  '--parley-color-accent': '#0b6e55',
  '--parley-color-on-accent': '#ffffff',
  '--parley-color-user-bubble': '#ddf0e7',
  '--parley-color-user-text': '#16302a',
  '--parley-focus-ring-color': '#0b6e55',
  '--parley-font-family': "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  '--parley-font-size': '14px',
  '--parley-radius': '16px',
  '--parley-spacing': '10px',
};

/** A manufacturing ERP with a dark UI: ember orange on charcoal, square and dense. */
export const emberErp: TokenValues = {
  '--parley-color-background': '#1b1512',
  '--parley-color-surface': '#271e1a',
  '--parley-color-text': '#f6ece6',
  '--parley-color-muted': '#cdb9ad',
  '--parley-color-border': '#54423a',
  '--parley-color-accent': '#ff8a4c',
  '--parley-color-on-accent': '#1b1512',
  '--parley-color-user-bubble': '#4a2c1e',
  '--parley-color-user-text': '#f6ece6',
  '--parley-color-code-background': '#120e0c',
  '--parley-focus-ring-color': '#ffd0b3',
  '--parley-font-family': "'IBM Plex Sans', 'Segoe UI', system-ui, sans-serif",
  '--parley-font-size': '13px',
  '--parley-radius': '0px',
  '--parley-spacing': '6px',
};
