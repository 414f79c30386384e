import { configure } from 'storybook/test';

/**
 * Testing Library prints the container of a failed query, but cannot print a ShadowRoot, and
 * the story's queries run inside `<parley-chat>`'s. Print the root's markup instead, so a failed
 * `getByRole` reports what was there rather than a TypeError.
 */
export function describeShadowRootFailures(): void {
  configure({
    getElementError(message, container) {
      const markup = container instanceof ShadowRoot ? container.innerHTML.replace(/<!--[^>]*-->/g, '').slice(0, 4000) : '';
      const error = new Error([message, markup].filter(Boolean).join('\n\n'));
      error.name = 'TestingLibraryElementError';
      return error;
    },
  });
}
