#!/usr/bin/env node
// Thin launcher: the CLI is built into dist/cli by `npm ci` (the prepare script) or `npm run build`.
// Without a build (`npm ci --ignore-scripts`, a fresh clone) it says so in one line instead of a stack.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../dist/cli/index.js', import.meta.url)
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  process.stderr.write(
    `error: the hetu CLI is not built (${fileURLToPath(entry)} is missing)\nhint: run \`npm run build\` in ${root} (\`npm ci\` builds it too, unless --ignore-scripts)\n`,
  )
  process.exit(1)
}
await import(entry.href)
