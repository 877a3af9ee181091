// CLI start-up: wall time of `hetu --help` (commander only; everything else loads lazily) and of
// `hetu subnet list --json` against a localnet with a few subnets, each against bare `node -e 0`.
// Runs are interleaved so machine load drifts hit all three alike; medians are reported.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalnet } from '../../src/localnet/localnet.js'
import { connect } from '../../test/fixtures/localnet.js'
import { median, report } from '../report.js'

const root = join(import.meta.dirname, '..', '..')
const bin = join(root, 'bin', 'hetu.js')
const runs = Number(process.env.RUNS ?? 15)
const SUBNETS = 5

if (!existsSync(join(root, 'dist', 'cli', 'index.js')) || process.env.BUILD === '1')
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--config', 'tsup.cli.config.ts'],
    {
      cwd: root,
      stdio: 'ignore',
    },
  )

await using net = await startLocalnet()
const hetu = await connect(net, { account: 0 })
for (let i = 0; i < SUBNETS; i++) {
  await hetu.registerSubnet({ name: `bench ${i}`, description: '', tokenName: `B${i}`, tokenSymbol: `B${i}` })
  // Past the network's registration rate limit (1 block on the localnet).
  await fetch(net.rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'anvil_mine', params: ['0x2'] }),
  })
}

// The CLI finds the localnet through its info file, as after `hetu localnet`.
const sandbox = mkdtempSync(join(tmpdir(), 'hetu-bench-cli-'))
writeFileSync(
  join(sandbox, `hetu-localnet-${new URL(net.rpcUrl).port}.json`),
  JSON.stringify({ ...net.toJSON(), pid: process.pid }),
)
const env = { PATH: process.env.PATH, TMPDIR: sandbox, HOME: sandbox }

function wall(args: string[]): number {
  const start = performance.now()
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const ms = performance.now() - start
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`)
  return ms
}

const listed = JSON.parse(
  spawnSync(process.execPath, [bin, 'subnet', 'list', '--json'], { env }).stdout.toString(),
) as { subnets: unknown[] }
if (listed.subnets.length !== SUBNETS)
  throw new Error(`expected ${SUBNETS} subnets, got ${listed.subnets.length}`)

// Any ESM entry pays Node's module loader on top of `node -e 0`: the floor of an ESM CLI, for context.
const emptyModule = join(sandbox, 'empty.mjs')
writeFileSync(emptyModule, '')
const bare: number[] = []
const empty: number[] = []
const help: number[] = []
const list: number[] = []
wall(['-e', '0']) // warm the file cache
wall([bin, '--help'])
for (let i = 0; i < runs; i++) {
  bare.push(wall(['-e', '0']))
  empty.push(wall([emptyModule]))
  help.push(wall([bin, '--help']))
  list.push(wall([bin, 'subnet', 'list', '--json']))
}

report('hetu --help', median(help), 'node -e 0', median(bare), 'ms')
report('hetu --help', median(help), 'node empty.mjs (ESM loader floor)', median(empty), 'ms')
report(
  `hetu subnet list --json (${SUBNETS} subnets, localnet)`,
  median(list),
  'node -e 0',
  median(bare),
  'ms',
)
process.stderr.write(
  `${runs} interleaved runs each; targets: --help within 2x and subnet list --json within 4x of node -e 0\n`,
)
rmSync(sandbox, { recursive: true, force: true })
