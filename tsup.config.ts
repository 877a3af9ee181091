import { defineConfig } from 'tsup'
import { cliBuilds } from './tsup.cli.config.js'

// The package's entry points (package.json "exports"): the root and its subpaths.
const entry = {
  index: 'src/index.ts',
  actions: 'src/chain/actions/index.ts',
  protocol: 'src/protocol/index.ts',
  consensus: 'src/consensus/index.ts',
  localnet: 'src/localnet/index.ts',
}

export default defineConfig([
  {
    entry,
    format: ['esm'],
    target: 'node20',
    dts: { entry },
    // Source maps only when asked (HETU_SOURCEMAP=1): they were 6 MB of the 10 MB package.
    sourcemap: process.env.HETU_SOURCEMAP === '1',
    // dist/cli is the CLI build's (below), built at the same time.
    clean: ['!cli/**'],
    splitting: true,
  },
  ...cliBuilds,
])
