import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DashboardAssetsError } from './errors.js'

let root: string | undefined

/** This package's root: the nearest folder above this module whose package.json is hetu-subnet's. */
function packageRoot(): string {
  if (root) return root
  const start = dirname(fileURLToPath(import.meta.url))
  let dir = start
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'hetu-subnet') {
      root = dir
      return dir
    }
    const up = dirname(dir)
    if (up === dir) throw new DashboardAssetsError(start)
    dir = up
  }
}

/**
 * A file the dashboard serves: `node_modules/<pkg>/…` resolved as Node resolves the dependency
 * (hoisted or not), anything else relative to this package's root.
 */
export function packageFile(path: string): string {
  if (path.startsWith('node_modules/'))
    return createRequire(join(packageRoot(), 'package.json')).resolve(path.slice('node_modules/'.length))
  return join(packageRoot(), path)
}
