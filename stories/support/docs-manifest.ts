interface Member {
  name: string;
  privacy?: string;
}

interface Declaration {
  tagName?: string;
  members?: Member[];
  cssParts?: Array<{ name: string; description?: string }>;
}

interface Manifest {
  modules: Array<{ declarations?: readonly unknown[] }>;
}

/**
 * `custom-elements.json` as the docs pages should read it. Storybook lists every member the
 * analyzer found, private ones included (31 of `<parley-chat>`'s internals: `uiEpoch`, `hush`…),
 * and keys its table by name alone, so the `header` part hid the `header` slot, and the
 * `watermark` and `user` parts their attributes. Only public members are kept, and parts are
 * named as a stylesheet selects them (`::part(header)`).
 */
export function docsManifest<T extends Manifest>(manifest: T): T {
  return {
    ...manifest,
    modules: manifest.modules.map((module) => ({
      ...module,
      declarations: module.declarations?.map((item) => {
        const declaration = item as Declaration;
        if (!declaration.tagName) return item;
        return {
          ...declaration,
          members: declaration.members?.filter((member) => member.privacy !== 'private' && member.privacy !== 'protected'),
          cssParts: declaration.cssParts?.map((cssPart) => ({ ...cssPart, name: `::part(${cssPart.name})` })),
        };
      }),
    })),
  };
}
