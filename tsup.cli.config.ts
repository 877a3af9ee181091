import { defineConfig, type Options } from 'tsup'

/**
 * The `hetu` CLI, built on its own into dist/cli. Its pure-JavaScript dependencies are bundled in and
 * tree-shaken, so a command loads a few files instead of viem's and zod's thousand modules: about half
 * the start-up time of every chain command. Native addons (secp256k1, keccak), anvil, solc, pino and
 * commander stay external. `hetu --help` loads only the entry file and commander.
 */
export const cliBuild: Options = {
  entry: { index: 'src/cli/index.ts' },
  outDir: 'dist/cli',
  format: ['esm'],
  target: 'node20',
  sourcemap: true,
  clean: true,
  splitting: true,
  noExternal: [/^viem($|\/)/, /^ox($|\/)/, /^abitype($|\/)/, /^@noble\//, /^@scure\//, /^zod($|\/)/],
}

export default defineConfig(cliBuild)
