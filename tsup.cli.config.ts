import type { Plugin } from 'esbuild'
import { defineConfig, type Options } from 'tsup'

// The read commands' file, as src/cli/program/lazy.ts imports it: left to Node, which finds it beside
// the chunk that asks (all of dist/cli is one folder).
const readsFile: Plugin = {
  name: 'reads-file',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/reads\.js$/ }, () => ({ path: './reads.js', external: true }))
  },
}

// Built-ins that cost start-up and that the CLI does not need where they are imported (~5 ms each):
// - noble-hashes imports node:crypto on Node (Node 18 had no global WebCrypto) for one use, random
//   bytes; here it gets Node 20's `globalThis.crypto.getRandomValues`, looked up when first called;
// - commander requires node:child_process at load, for executable subcommands, which hetu has none of.
const lazyBuiltins: Plugin = {
  name: 'lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^@noble\/hashes\/crypto$/ }, () => ({
      path: 'crypto',
      namespace: 'lazy-builtins',
    }))
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[/\\]commander[/\\]lib[/\\]command\.js$/.test(args.importer)
        ? { path: 'child_process', namespace: 'lazy-builtins' }
        : undefined,
    )
    build.onLoad({ filter: /^crypto$/, namespace: 'lazy-builtins' }, () => ({
      contents:
        'export const crypto = { getRandomValues: (array) => globalThis.crypto.getRandomValues(array) }',
      loader: 'js',
    }))
    build.onLoad({ filter: /^child_process$/, namespace: 'lazy-builtins' }, () => ({
      contents:
        "let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] })",
      loader: 'js',
    }))
  },
}

const shared: Options = {
  outDir: 'dist/cli',
  format: ['esm'],
  target: 'node20',
  sourcemap: process.env.HETU_SOURCEMAP === '1',
  // Bundled CommonJS (commander) require()s Node built-ins; ESM chunks have no `require` of their own.
  banner: {
    js: "import { createRequire as __hetuCreateRequire } from 'node:module'; const require = __hetuCreateRequire(import.meta.url);",
  },
  esbuildPlugins: [lazyBuiltins],
  // Blanks and syntax only: the names in a --verbose stack stay readable. Half the bytes to read
  // and parse, and the package stays under 1 MB with the reads file.
  minifyWhitespace: true,
  minifySyntax: true,
  // tsup's own plugin would take `node:` imports before ours can (Node 20 knows the prefix).
  removeNodeProtocol: false,
  noExternal: [
    /^commander$/,
    /^viem($|\/)/,
    /^ox($|\/)/,
    /^abitype($|\/)/,
    /^@noble\//,
    /^@scure\//,
    /^zod($|\/)/,
  ],
}

/**
 * The `hetu` CLI, built on its own into dist/cli. Its pure-JavaScript dependencies are bundled in and
 * tree-shaken, so a command loads a few files instead of viem's and zod's thousand modules: about half
 * the start-up time of every chain command; commander is bundled too, so `hetu --help` reads two small
 * files. Native addons (secp256k1, keccak), anvil, solc and pino stay external.
 */
export const cliBuild: Options = {
  ...shared,
  entry: { index: 'src/cli/index.ts' },
  // Keeps reads.js, which the build below writes at the same time.
  clean: ['!reads.js'],
  splitting: true,
  esbuildPlugins: [readsFile, lazyBuiltins],
}

/**
 * The commands that only read (src/cli/reads.ts) in one file without chunks: Node's ESM loader costs
 * ~0.7 ms a module file, and split like the rest `hetu subnet list` loaded 40 of them.
 */
export const readsBuild: Options = {
  ...shared,
  entry: { reads: 'src/cli/reads.ts' },
  clean: false,
  splitting: false,
}

export const cliBuilds = [cliBuild, readsBuild]

export default defineConfig(cliBuilds)
