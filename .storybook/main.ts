import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest', 'msw-storybook-addon'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // The msw service worker (public/mockServiceWorker.js) is served from the root.
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  // Stories run on the packages' source, so Storybook needs no package build first and shows
  // exactly what the tests exercise.
  viteFinal: async (viteConfig) => ({
    ...viteConfig,
    // Storybook's web-components renderer (its entry-preview, served from node_modules as is)
    // imports `lit` and `lit/directive-helpers.js`. Vite pre-bundles `lit`, which the stories
    // import too, but nothing it crawls imports the helpers: they were served unbundled, with a
    // lit-html of their own beside the pre-bundled one ("Multiple versions of Lit loaded"). Pre-
    // bundled with `lit`, they share its lit-html.
    optimizeDeps: { ...viteConfig.optimizeDeps, include: [...(viteConfig.optimizeDeps?.include ?? []), 'lit/directive-helpers.js'] },
    resolve: {
      ...viteConfig.resolve,
      alias: [
        ...toAliasArray(viteConfig.resolve?.alias),
        { find: /^@parley\/client$/, replacement: source('../packages/client/src/index.ts') },
        { find: /^@parley\/widget$/, replacement: source('../packages/widget/src/index.ts') },
      ],
    },
  }),
};

type Alias = { find: string | RegExp; replacement: string };

function toAliasArray(alias: unknown): Alias[] {
  if (!alias) return [];
  if (Array.isArray(alias)) return alias as Alias[];
  return Object.entries(alias as Record<string, string>).map(([find, replacement]) => ({ find, replacement }));
}

export default config;
