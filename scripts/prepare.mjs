// npm's `prepare` (run by `npm ci`, `npm install` in the clone, `npm link`, and by `npx hetu` in a clone):
// builds dist/ unless it is newer than everything it is built from, so only the first of those pays for
// the build (~20-40 s), and says so on stderr. `npm run build` always builds.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outputs = ['index', 'actions', 'protocol', 'consensus', 'localnet']
  .flatMap((entry) => [`dist/${entry}.js`, `dist/${entry}.d.ts`])
  .concat('dist/cli/index.js')
const inputs = [
  'src',
  'contracts',
  'scripts',
  'package.json',
  'tsconfig.json',
  'tsup.config.ts',
  'tsup.cli.config.ts',
]

const built = Math.min(...outputs.map((file) => mtime(join(root, file))))
const changed = Math.max(...inputs.map((path) => newest(join(root, path))))
if (built > changed) {
  process.stderr.write('hetu-subnet: dist/ is up to date (npm run build rebuilds it)\n')
} else {
  process.stderr.write('hetu-subnet: building dist/ (contracts, SDK, CLI; ~20-40 s the first time)\n')
  const npm = process.env.npm_execpath
  const { status } = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  process.exitCode = status ?? 1
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs
  } catch {
    return 0
  }
}

function newest(path) {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
}
