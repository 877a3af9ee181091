import { defineConfig } from 'tsup'
import { cliBuild } from './tsup.cli.config.js'

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    dts: { entry: 'src/index.ts' },
    // Source maps only when asked (HETU_SOURCEMAP=1): they were 6 MB of the 10 MB package.
    sourcemap: process.env.HETU_SOURCEMAP === '1',
    // dist/cli is the CLI build's (below), built at the same time.
    clean: ['!cli/**'],
    splitting: true,
  },
  cliBuild,
])
