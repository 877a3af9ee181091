// Runs every benchmark (bench/<area>/*.ts) one after another in its own process and prints its output.
// `npm run bench` for all, `npm run bench -- wallet protocol` for some areas (`reliability`: the axon under attack;
// `dashboard`: the dashboard's indexer catch-up, server CPU per block and page load, which needs Debian's chromium).
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const only = new Set(process.argv.slice(2))
const root = join(import.meta.dirname, '.')
for (const area of readdirSync(root).sort()) {
  const dir = join(root, area)
  if (!statSync(dir).isDirectory() || (only.size > 0 && !only.has(area))) continue
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    console.log(`\n## bench/${area}/${file}`)
    execFileSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' })
  }
}
