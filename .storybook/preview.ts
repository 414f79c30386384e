import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import customElements from '../packages/widget/custom-elements.json';
import { docsManifest } from '../stories/support/docs-manifest.js';
import { gatewayHandlers } from '../stories/mocks/gateway-handlers.js';
import { describeShadowRootFailures } from '../stories/support/shadow-root-errors.js';
import '@parley/widget';

// Docs pages (attributes, properties, events, slots, parts, CSS custom properties) come from the
// manifest the widget generates from its JSDoc, so they cannot drift from the element (public
// members only, parts as `::part(…)`: see docsManifest).
setCustomElementsManifest(docsManifest(customElements));
describeShadowRootFailures();

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [mswLoader()],
  // Lit loaded twice (one copy pre-bundled by Vite, one not: see optimizeDeps in main.ts) only
  // warned once in the console, while a story's templates and the element's ran on different
  // copies. Every story fails instead.
  beforeEach() {
    const versions = (globalThis as { litHtmlVersions?: string[] }).litHtmlVersions ?? [];
    if (versions.length > 1) throw new Error(`Lit is loaded ${versions.length} times (${versions.join(', ')}): see optimizeDeps in .storybook/main.ts.`);
  },
  parameters: {
    // Every mock gateway is always on, each on its own URL, so a docs page that renders many
    // stories at once still gives each one its own gateway. Stories add handlers under other keys.
    msw: { handlers: { gateways: gatewayHandlers } },
    // A violation fails the story's test, as in CI.
    a11y: { test: 'error' },
    controls: { expanded: true },
    layout: 'padded',
    options: {
      storySort: {
        order: ['Guides', ['Brand Parley in ten minutes'], 'parley-chat', 'Theming', 'Plug-ins', 'parley-markdown'],
      },
    },
  },
};

export default preview;
