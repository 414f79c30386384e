import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { parseAst } from 'rollup/parseAst';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle } from '../e2e/support/chromium.js';

/**
 * What an app that installs the published tarballs gets: the files `npm pack` puts in each
 * package, checked against what its package.json promises, and the packages used from outside
 * the workspace (CommonJS `require`, a strict TypeScript consumer).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const names = ['client', 'widget', 'gateway'] as const;

interface Manifest {
  name: string;
  main?: string;
  module?: string;
  types?: string;
  customElements?: string;
  bin?: Record<string, string>;
  sideEffects?: boolean | string[];
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
}

const manifestOf = (name: string): Manifest => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));

/** The files `npm pack` would put in the tarball (the same list `npm publish` uses). */
function packedFiles(name: string): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(root, 'packages', name), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path);
}

const strip = (path: string) => path.replace(/^\.\//, '');

/** Every path package.json points at: exports (every condition), main, module, types, customElements, bin. */
function promisedPaths(manifest: Manifest): string[] {
  const exported = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  return [...exported, manifest.main, manifest.module, manifest.types, manifest.customElements, ...Object.values(manifest.bin ?? {})]
    .filter((path): path is string => !!path)
    .map(strip);
}

/** Whether package.json's `sideEffects` keeps `file` (a path inside the package). */
function keptAsSideEffect(manifest: Manifest, file: string): boolean {
  if (manifest.sideEffects === undefined || manifest.sideEffects === true) return true;
  if (manifest.sideEffects === false) return false;
  return manifest.sideEffects.some((pattern) => strip(pattern) === file);
}

const files = new Map<string, string[]>();

beforeAll(() => {
  // npm test builds first; a direct run rebuilds a missing or stale client / widget build.
  ensureBundle();
  for (const name of names) files.set(name, packedFiles(name));
}, 300_000);

describe.each(names)('the published @parley/%s', (name) => {
  it('ships every file its package.json points at, its licence, and no tests or sources', () => {
    const manifest = manifestOf(name);
    const packed = files.get(name)!;
    for (const path of promisedPaths(manifest)) expect(packed, `${path} (named in package.json)`).toContain(path);
    for (const required of ['package.json', 'README.md', 'LICENSE', 'NOTICE']) expect(packed).toContain(required);
    expect(packed.filter((path) => /(^|\/)(src|test|tests|test-fixtures|__tests__)\/|\.test\.[cm]?[jt]sx?$|\.stories\./.test(path))).toEqual([]);
  });

  it('ships source maps that carry their sources (the TypeScript sources are not in the tarball)', () => {
    const maps = files.get(name)!.filter((path) => path.endsWith('.map'));
    for (const path of maps) {
      const map = JSON.parse(readFileSync(join(root, 'packages', name, path), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      const missing = map.sources.filter((_, index) => typeof map.sourcesContent?.[index] !== 'string');
      expect(missing, `${path}: sources without sourcesContent`).toEqual([]);
    }
  });

  it('keeps every module with a top-level effect in `sideEffects`, so an app bundler does not drop it', () => {
    const manifest = manifestOf(name);
    // The script tag is a finished bundle; its chunks are loaded by URL, never by an app's bundler.
    const modules = files.get(name)!.filter((path) => path.endsWith('.js') && !path.startsWith('dist/script/'));
    const dropped = modules.filter((path) => {
      const code = readFileSync(join(root, 'packages', name, path), 'utf8');
      const program = parseAst(code) as unknown as { body: { type: string; specifiers?: unknown[] }[] };
      // Declarations, imports with bindings and re-exports are pure; anything else runs on import.
      const effect = program.body.some((node) =>
        node.type === 'ImportDeclaration' ? false : !['FunctionDeclaration', 'ClassDeclaration', 'VariableDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ExportDefaultDeclaration', 'EmptyStatement'].includes(node.type),
      );
      return effect && !keptAsSideEffect(manifest, path);
    });
    expect(dropped, 'modules whose effect a bundler may drop (add them to sideEffects)').toEqual([]);
  });

  it('declares in .d.ts files only modules the package depends on', () => {
    const manifest = manifestOf(name);
    const allowed = new Set(Object.keys(manifest.dependencies ?? {}));
    const declarations = files.get(name)!.filter((path) => path.endsWith('.d.ts'));
    const foreign = declarations.flatMap((path) =>
      [...readFileSync(join(root, 'packages', name, path), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'".][^'"]*)['"]/g)]
        .map((match) => match[1]!)
        .filter((specifier) => !specifier.startsWith('node:'))
        .map((specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!))
        .filter((dependency) => !allowed.has(dependency))
        .map((dependency) => `${path}: ${dependency}`),
    );
    expect(foreign).toEqual([]);
  });
});

/** A folder outside the workspace whose node_modules/@parley/* link to the packages (their dependencies resolve from the repo). */
function consumer(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-consumer-'));
  mkdirSync(join(dir, 'node_modules', '@parley'), { recursive: true });
  for (const name of names) symlinkSync(join(root, 'packages', name), join(dir, 'node_modules', '@parley', name), 'dir');
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('a consumer outside the workspace', () => {
  it('`require()`s the ESM-only packages on a Node that loads ESM with require (>= 20.19, as engines says)', () => {
    const dir = consumer({ 'app.cjs': "const { createClient } = require('@parley/client');\nconst { ParleyChat } = require('@parley/widget/element');\nconsole.log(typeof createClient, typeof ParleyChat);\n" });
    const run = spawnSync(process.execPath, ['--no-warnings', 'app.cjs'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('function function');
  });

  it('imports `@parley/widget` on a server, where there is no document (Next.js, Nuxt, Astro render the page there first)', () => {
    const dir = consumer({
      'render.mjs': "const widget = await import('@parley/widget');\nawait import('@parley/widget/parley-chat.js');\nconsole.log(typeof widget.ParleyChat, typeof document);\n",
    });
    const run = spawnSync(process.execPath, ['--no-warnings', 'render.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('function undefined');
  });

  it("bundles `import '@parley/widget/parley-chat.js'` as the element itself, not the script tag's loader (whose chunks an app bundler does not copy)", async () => {
    const dir = consumer({ 'app.js': "import '@parley/widget/parley-chat.js';\n" });
    const { outputFiles } = await build({ entryPoints: [join(dir, 'app.js')], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', absWorkingDir: dir });
    const code = outputFiles.map((file) => file.text).join('\n');
    expect(code).toContain('customElements.define("parley-chat"');
    expect(code).not.toContain('keep chunks/ next to this file');
    // Node, and tools that copy the script folder, still resolve the script tag.
    const resolved = spawnSync(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('@parley/widget/parley-chat.js'))"], { cwd: dir, encoding: 'utf8' });
    expect(resolved.stdout.trim()).toMatch(/\/dist\/script\/parley-chat\.js$/);
  });

  it('runs `parley-gateway` from node_modules: no demo pages (a folder named demo there is another package), the widget script served when installed', async () => {
    // As npm installs it: the gateway's files in node_modules/@parley/gateway (a copy, so it finds
    // itself there, not at its path in this repo), its dependencies beside it.
    const dir = consumer({});
    const installed = join(dir, 'node_modules', '@parley', 'gateway');
    rmSync(installed);
    for (const file of files.get('gateway')!) cpSync(join(root, 'packages', 'gateway', file), join(installed, file));
    for (const dependency of readdirSync(join(root, 'node_modules'))) {
      if (!existsSync(join(dir, 'node_modules', dependency))) symlinkSync(join(root, 'node_modules', dependency), join(dir, 'node_modules', dependency), 'dir');
    }
    mkdirSync(join(dir, 'node_modules', 'demo'));
    writeFileSync(join(dir, 'node_modules', 'demo', 'index.html'), '<p>another package</p>');
    const gateway = spawn(process.execPath, [join(installed, 'dist/cli.js')], { cwd: dir, env: { ...process.env, PORT: '0' } });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        gateway.stdout.on('data', (data: Buffer) => {
          output += data.toString();
          const match = /running at (http:\/\/\S+?)\/?\s/.exec(output);
          if (match) resolve(match[1]!);
        });
        gateway.on('exit', () => reject(new Error(`gateway exited: ${output}`)));
      });
      expect(output).toContain('Parley gateway running at');
      expect(output).not.toContain('demo running');
      const home = await fetch(`${url}/`);
      expect(home.status).toBe(404);
      expect(await home.text()).not.toContain('another package');
      const script = await fetch(`${url}/parley-chat.js`);
      expect(script.status).toBe(200);
      expect(await script.text()).toContain('keep chunks/ next to this file');
    } finally {
      gateway.kill();
    }
  }, 60_000);

  /** Runs the repo's tsc on a consumer of the published types: strict, skipLibCheck off. */
  function typecheck(resolution: string, sources: Record<string, string>): string {
    const dir = consumer({
      'package.json': JSON.stringify({ type: 'module' }),
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          target: 'es2022',
          module: resolution === 'nodenext' ? 'nodenext' : 'esnext',
          moduleResolution: resolution,
          // node10 (the old "node") is deprecated in TypeScript 6, still used by older projects.
          ...(resolution === 'node10' ? { ignoreDeprecations: '6.0' } : {}),
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          lib: ['es2022', 'dom', 'dom.iterable'],
          types: [],
        },
        include: ['*.ts'],
      }),
      ...sources,
    });
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir, encoding: 'utf8' });
    return (tsc.stdout + tsc.stderr).trim() || `exit ${tsc.status}`;
  }

  it.each(['bundler', 'nodenext'])('type-checks `@parley/widget` with moduleResolution %s: tag names and events are typed', (resolution) => {
    const app = [
      "import '@parley/widget';",
      "import { createClient } from '@parley/client';",
      "import type { ParleyChat } from '@parley/widget';",
      "const created: ParleyChat = document.createElement('parley-chat');",
      "const found: ParleyChat = document.querySelector('parley-chat')!;",
      "found.client = createClient({ url: '/v1/chat/completions', protocol: 'openai' });",
      "found.addEventListener('parley-action', (event) => { const type: 'requested' | 'approved' | 'rejected' | 'ran' | 'failed' = event.detail.type; console.log(type); });",
      "found.addEventListener('parley-send', (event) => { const text: string = event.detail.text; console.log(text); });",
      "document.addEventListener('parley-audit', (event) => console.log(event.detail.actor, event.detail.conversationId));",
      'export { created };',
    ].join('\n');
    expect(typecheck(resolution, { 'app.ts': app })).toBe('exit 0');
  }, 120_000);

  it.each(['bundler', 'nodenext', 'node10'])('types the events of the class from `@parley/widget/element` alone (moduleResolution %s)', (resolution) => {
    const app = [
      "import { ParleyChat } from '@parley/widget/element';",
      "customElements.define('erp-assistant', class extends ParleyChat {});",
      'const chat = new ParleyChat();',
      "chat.addEventListener('parley-send', (event) => { const text: string = event.detail.text; console.log(text); });",
      'export { chat };',
    ].join('\n');
    expect(typecheck(resolution, { 'app.ts': app })).toBe('exit 0');
  }, 120_000);
});
