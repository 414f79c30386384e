import { defineParleyMarkdown as define, ParleyMarkdown as Element } from '../markdown/parley-markdown.js';

// Bindings of their own, not re-exports: <parley-chat> loads the markdown renderer on first use,
// and an app's esbuild keeps it out of the start chunk only if the package's entries reach it
// through a module the app does not use (docs/decisions/barrel-names-for-lazy-modules.md).

/** `<parley-markdown>`: safe streaming markdown (markdown/parley-markdown.ts). */
export const ParleyMarkdown: typeof Element = Element;
export type ParleyMarkdown = Element;

/** Registers `<parley-markdown>` once (safe to call from several bundles). */
export const defineParleyMarkdown: (registry?: CustomElementRegistry) => void = define;
