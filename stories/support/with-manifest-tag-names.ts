interface Manifest {
  modules?: Array<{ declarations?: Array<{ name?: string; tagName?: string; customElement?: boolean }> }>;
}

/**
 * `<parley-markdown>` registers itself through `static tagName`, which the manifest analyzer
 * does not read, so its declaration has no `tagName` and Storybook could not find its docs.
 * Fill it in from the class name rather than hand-writing its docs here.
 */
export function withManifestTagNames<T extends Manifest>(manifest: T): T {
  const copy = structuredClone(manifest);
  for (const module of copy.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.name === 'ParleyMarkdown' && !declaration.tagName) {
        declaration.tagName = 'parley-markdown';
        declaration.customElement = true;
      }
    }
  }
  return copy;
}
