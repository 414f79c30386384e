// The analyzer lists modules in the order the file system hands them over, which differs between
// machines and runs: sorted by path, the manifest changes only when the element's API does.
export default {
  litelement: true,
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/testing/**'],
  outdir: '.',
  plugins: [
    {
      name: 'parley-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
