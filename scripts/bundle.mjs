#!/usr/bin/env node
// Bundles the CLI with esbuild into dist/: one small file per command (where oclif's manifest
// points: dist/commands/<topic>/<verb>.js), the entry points package.json names (main, help class,
// hooks), and shared chunks (dist/chunks/) that a command loads on demand. A start-up reads a
// handful of files instead of ~300 modules (@oclif/core alone is ~100 CommonJS files), and
// nothing a command does not use is read at all (the emulators, devstack, prompts, ora).
// Run by `npm run build`; typechecking is `npm run lint` (esbuild does not typecheck).
// `--stats` prints the largest files, `--metafile FILE` writes esbuild's metafile (what each holds).
import {readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

import {build} from 'esbuild'

import {lazyRequireSource} from './lazy-require.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'dist')
const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

const sources = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : []
  })

/** dist/x/y.js (what package.json and the manifest name) ← x/y.ts. */
const fromDist = (p) => join(root, p.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'))
const entryPoints = [
  ...sources(join(root, 'commands')),
  join(root, 'src/cli/main.ts'),
  fromDist(pjson.oclif.helpClass),
  ...Object.values(pjson.oclif.hooks ?? {}).flat().map(fromDist),
].map((file) => ({in: file, out: relative(root, file).replace(/\.ts$/, '')}))

/**
 * Loaded from node_modules at run time: native addons, and the TypeScript loaders oclif looks for
 * in development only.
 */
const external = ['@napi-rs/keyring', 'typescript', 'tsx', 'ts-node']

/**
 * yaml's Node entry is CommonJS, and an `await import()` of CommonJS in a split ESM bundle yields
 * only `default` (named exports would be undefined): its ESM build is the same code.
 */
const esmBuilds = {
  name: 'esm-builds',
  setup(b) {
    b.onResolve({filter: /^yaml$/}, () => ({path: join(root, 'node_modules/yaml/browser/index.js')}))
  },
}

/**
 * Packages @oclif/core requires as it loads but uses only off mrctl's path: semver (its Node
 * version check, which cannot find package.json from a bundle anyway), tinyglobby and lilconfig
 * (finding commands without a manifest, and oclif config outside package.json),
 * cli-spinners/ansi-escapes/wordwrap (ux helpers mrctl does not use). Each is a stand-in
 * (lazy-require.mjs) that requires the real package from node_modules, as @oclif/core would, the
 * first time it is used: ~250 KB less to compile and run at each start.
 */
const LAZY = ['semver', 'tinyglobby', 'lilconfig', 'cli-spinners', 'ansi-escapes', 'wordwrap']
/**
 * What only help and oclif's own error printing use (text wrapping and widths, stack cleaning,
 * templates): in the bundle, but run the first time it is used, not as oclif loads (wrap-ansi
 * alone builds every colour conversion table of color-convert).
 */
const DEFERRED = ['wrap-ansi', 'string-width', 'widest-line', 'indent-string', 'clean-stack', 'ejs']
const lazyRequires = {
  name: 'lazy-requires',
  setup(b) {
    b.onResolve({filter: new RegExp(`^(${[...LAZY, ...DEFERRED].join('|')})$`)}, async (args) => {
      if (!args.importer.includes('/node_modules/@oclif/core/') || args.pluginData === 'real') return undefined
      if (LAZY.includes(args.path)) return {path: args.path, namespace: 'lazy-require'}
      const real = await b.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'real'})
      if (real.errors.length) return {errors: real.errors}
      return {path: args.path, namespace: 'lazy-require', pluginData: real.path}
    })
    b.onLoad({filter: /.*/, namespace: 'lazy-require'}, (args) => ({
      loader: 'js',
      contents: lazyRequireSource(args.path, args.pluginData),
      resolveDir: root,
    }))
  },
}

/**
 * Lines of @oclif/core that cost more than what they do, replaced in the bundle (the build fails
 * if one is not found once, say after an upgrade of @oclif/core):
 * - the sort of each plugin's commands by `localeCompare`: its first call sets up ICU's collator,
 *   12 to 20 ms of every start; command IDs are lower-case ASCII words, ':' and '-', which
 *   code-unit order sorts the same (scripts/lean-manifest.mjs checks it on the real IDs);
 * - help's templates: each summary and description went through ejs, which compiles a function
 *   per string; a string without `<%` renders as itself;
 * - `Config.load(config)`, called by oclif's run and again by each command's static run, builds a
 *   new Config from the one it is given and loads it again (for a Config made by another copy of
 *   @oclif/core): the bundle has one copy, so the Config given is the Config to use.
 */
const PATCHES = [
  {
    file: '/node_modules/@oclif/core/lib/config/plugin.js',
    from: '.sort((a, b) => a.id.localeCompare(b.id));',
    to: '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));',
  },
  {
    file: '/node_modules/@oclif/core/lib/help/util.js',
    from: 'return ejs_1.default.render(t, context);',
    to: "return t.includes('<%') ? ejs_1.default.render(t, context) : t;",
  },
  {
    file: '/node_modules/@oclif/core/lib/config/config.js',
    from: '        if (isConfig(opts)) {',
    to: '        if (opts instanceof Config)\n            return opts;\n        if (isConfig(opts)) {',
  },
]
const applied = new Set()
const oclifPatches = {
  name: 'oclif-patches',
  setup(b) {
    b.onLoad({filter: /@oclif[\\/]core[\\/]lib[\\/].*\.js$/}, (args) => {
      const patches = PATCHES.filter((p) => args.path.replaceAll('\\', '/').endsWith(p.file))
      if (patches.length === 0) return undefined
      let text = readFileSync(args.path, 'utf8')
      for (const p of patches) {
        if (text.split(p.from).length !== 2) throw new Error(`${p.file}: "${p.from}" is not there once: review PATCHES in scripts/bundle.mjs`)
        text = text.replace(p.from, p.to)
        applied.add(p)
      }
      return {contents: text, loader: 'js'}
    })
  },
}

rmSync(outdir, {recursive: true, force: true})
const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  external,
  plugins: [esmBuilds, lazyRequires, oclifPatches],
  chunkNames: 'chunks/[name]-[hash]',
  // Class names survive (error names, oclif's `constructor.name`).
  keepNames: true,
  metafile: true,
  logLevel: 'warning',
  // The CommonJS packages in the bundle call require() for Node's built-ins.
  banner: {js: "import {createRequire as __mrctlRequire} from 'node:module'; const require = __mrctlRequire(import.meta.url);"},
})

for (const p of PATCHES.filter((p) => !applied.has(p))) {
  console.error(`bundle: ${p.file} was not bundled: review PATCHES in scripts/bundle.mjs`)
  process.exit(1)
}

// A dynamic import() of a CommonJS module gives only `default` in a split bundle (see esmBuilds).
const cjsDefaults = Object.entries(result.metafile.outputs).filter(([file]) =>
  /\bexport default require_\w+\(\);\s*$/.test(readFileSync(join(root, file), 'utf8')),
)
if (cjsDefaults.length) {
  const inputs = cjsDefaults.flatMap(([, out]) => Object.keys(out.inputs)).filter((i) => i.includes('node_modules')).slice(0, 5)
  console.error(`bundle: a dynamic import() of a CommonJS package (${inputs.join(', ')}): add its ESM build to esmBuilds in scripts/bundle.mjs`)
  process.exit(1)
}

const metaAt = process.argv.indexOf('--metafile')
if (metaAt !== -1) writeFileSync(process.argv[metaAt + 1], JSON.stringify(result.metafile))
if (process.argv.includes('--stats')) {
  const outs = Object.entries(result.metafile.outputs).sort((a, b) => b[1].bytes - a[1].bytes)
  const total = outs.reduce((n, [, o]) => n + o.bytes, 0)
  console.log(`${outs.length} files, ${(total / 1024).toFixed(0)} KiB`)
  for (const [file, out] of outs.slice(0, 12)) console.log(`${(out.bytes / 1024).toFixed(0).padStart(6)} KiB  ${relative(root, file)}`)
}
