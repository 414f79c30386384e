import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';

/** Debian's Chromium (scripts/ensure-chromium.mjs installs it); a test tool's own browser download cannot work here. */
const chromium = (contextOptions: { permissions?: string[] } = {}) =>
  playwright({
    contextOptions,
    launchOptions: {
      executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  });
const browser = (contextOptions?: { permissions?: string[] }) => ({ enabled: true, headless: true, provider: chromium(contextOptions), instances: [{ browser: 'chromium' as const }] });

export default defineConfig({
  // Tests run on the client's source, so the widget's browser tests need no client build first.
  resolve: { alias: [{ find: /^@parley\/client$/, replacement: new URL('./packages/client/src/index.ts', import.meta.url).pathname }] },
  test: {
    // On CI only, a failed test runs once more (as Playwright's own CI default does): a 2-core
    // runner loaded by Chromium and servers has failed a timing-sensitive test once in a few
    // thousand runs. A real break fails both tries; a test that needed the retry is reported as
    // flaky in the output, and those get fixed, not tolerated.
    retry: process.env.CI ? 1 : 0,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // End-to-end files launch Chromium and servers; a loaded 2-core CI machine needs room.
          testTimeout: 30_000,
          hookTimeout: 120_000,
          setupFiles: ['test/setup/patient-wait-for.ts'],
          include: ['packages/*/src/**/*.test.ts', 'test/**/*.node.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        publicDir: 'public',
        test: {
          name: 'browser',
          testTimeout: 30_000,
          setupFiles: ['test/setup/patient-wait-for.ts'],
          include: ['packages/*/src/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
          browser: browser(),
        },
      },
      {
        // Every story renders in Chromium with no error and no a11y violation; play functions assert what a person sees.
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        // The theming workbench's "Copy CSS" button writes to the real clipboard.
        // Stories stream with real pauses; the first story of a file also pays for loading the preview.
        test: { name: 'storybook', testTimeout: 30_000, browser: browser({ permissions: ['clipboard-read', 'clipboard-write'] }) },
      },
    ],
  },
});
