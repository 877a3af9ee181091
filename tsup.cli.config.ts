import { defineConfig, type Options } from 'tsup'

/**
 * The `hetu` CLI, built on its own into dist/cli. Its pure-JavaScript dependencies are bundled in and
 * tree-shaken, so a command loads a few files instead of viem's and zod's thousand modules: about half
 * the start-up time of every chain command; commander is bundled too, so `hetu --help` reads two small
 * files. Native addons (secp256k1, keccak), anvil, solc and pino stay external.
 */
export const cliBuild: Options = {
  entry: { index: 'src/cli/index.ts' },
  outDir: 'dist/cli',
  format: ['esm'],
  target: 'node20',
  sourcemap: process.env.HETU_SOURCEMAP === '1',
  clean: true,
  splitting: true,
  // Bundled CommonJS (commander) require()s Node built-ins; ESM chunks have no `require` of their own.
  banner: {
    js: "import { createRequire as __hetuCreateRequire } from 'node:module'; const require = __hetuCreateRequire(import.meta.url);",
  },
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

export default defineConfig(cliBuild)
