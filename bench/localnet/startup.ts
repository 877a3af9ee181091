// Localnet start-up: bare anvil (the reference) vs anvil + deploy + wiring + funding (ours), and the
// contract build from scratch vs from the source-hash cache. Prints both and their ratio.
import { execFileSync } from 'node:child_process'
import { startAnvil } from '../../src/localnet/anvil.js'
import { startLocalnet } from '../../src/localnet/localnet.js'
import { median, report } from '../report.js'

const runs = Number(process.env.RUNS ?? 7)
const bare: number[] = []
const full: number[] = []
for (let i = 0; i < runs; i++) {
  let t = performance.now()
  const anvil = await startAnvil({ chainId: 560002 })
  bare.push(performance.now() - t)
  await anvil.stop()
  t = performance.now()
  const net = await startLocalnet()
  full.push(performance.now() - t)
  await net.stop()
}
report(
  'localnet start (anvil + contracts deployed + funded)',
  median(full),
  'bare anvil start',
  median(bare),
  'ms',
)
process.stderr.write(
  `first (cold JIT) localnet start: ${full[0]!.toFixed(0)} ms; all: ${full.map((x) => x.toFixed(0)).join(' ')}\n`,
)

if (process.env.SKIP_COMPILE !== '1') {
  let t = performance.now()
  execFileSync(process.execPath, ['scripts/build-contracts.mjs'], { stdio: 'ignore' })
  const cached = performance.now() - t
  t = performance.now()
  execFileSync(process.execPath, ['scripts/build-contracts.mjs', '--verify'], { stdio: 'ignore' })
  const fresh = performance.now() - t
  report('contract build with cached artifacts', cached, 'full solc-js compile (viaIR)', fresh, 'ms')
}
