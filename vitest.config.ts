import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The package's subpaths (package.json "exports"), as their sources.
const SUBPATHS = {
  actions: './src/chain/actions/index.ts',
  protocol: './src/protocol/index.ts',
  consensus: './src/consensus/index.ts',
  localnet: './src/localnet/index.ts',
}

export default defineConfig({
  // Examples import the package by name, as a user's project does; here it is the source.
  resolve: {
    alias: [
      { find: /^hetu-subnet$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      ...Object.entries(SUBPATHS).map(([name, file]) => ({
        find: new RegExp(`^hetu-subnet/${name}$`),
        replacement: fileURLToPath(new URL(file, import.meta.url)),
      })),
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
})
