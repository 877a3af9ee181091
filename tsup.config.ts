import { defineConfig } from 'tsup'
import { cliBuild } from './tsup.cli.config.js'

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    dts: { entry: 'src/index.ts' },
    sourcemap: true,
    // dist/cli is the CLI build's (below), built at the same time.
    clean: ['!cli/**'],
    splitting: true,
  },
  cliBuild,
])
