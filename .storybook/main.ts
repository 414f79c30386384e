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
