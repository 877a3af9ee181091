// Time per localnet block with the chain's part on (emission + pool injection for N subnets, each
// block mined by the emission module) vs a bare anvil block with no chain part (evm_mine alone on a
// second anvil), measured alternately so both see the same machine load; then one epoch block of a
// subnet with 64 neurons. Prints ours, the reference and the ratio (medians).
import type { Address } from 'viem'
import { rpc } from '../../src/chain/reads.js'
import { type AnvilProcess, startAnvil } from '../../src/localnet/anvil.js'
import { startLocalnet } from '../../src/localnet/localnet.js'
import { createLogger } from '../../src/logging/index.js'
import { E, emissionEnv } from '../../test/localnet/emission-env.js'
import { median, report } from '../report.js'

const BLOCKS = Number(process.env.BLOCKS ?? 40)
const logger = createLogger({ level: 'silent' })

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await run()
  return performance.now() - t
}

/** Alternates ours and the bare block `rounds` times; returns both medians. */
async function alternate(rounds: number, ours: () => Promise<unknown>, bare: AnvilProcess) {
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < rounds; i++) {
    a.push(await timed(ours))
    b.push(await timed(() => rpc(bare.rpcUrl, 'evm_mine')))
  }
  return { ours: median(a), bare: median(b) }
}

async function emissionBlocks(subnets: number, bare: AnvilProcess) {
  await using net = await startLocalnet({ emission: { manual: true, tempo: 10_000, logger } })
  const env = emissionEnv(net)
  const handles = []
  for (let i = 0; i < subnets; i++)
    handles.push(await env.registerSubnet(net.accounts[1 + (i % 9)]!.address, `bench${i}`))
  await env.step(...handles.flatMap((s) => [env.activate(s), env.addMinter(s)]))
  const [first] = await env.mine()
  if (first?.subnets.length !== subnets) throw new Error(`expected ${subnets} emitting subnets`)
  await env.mine(5) // warm-up
  return await alternate(BLOCKS, () => env.mine(), bare) // await: the localnet is disposed on return
}

async function epochBlocks(neurons: number, validators: number, bare: AnvilProcess) {
  await using net = await startLocalnet({
    accounts: neurons + 2,
    emission: { manual: true, tempo: 9, logger },
  })
  const env = emissionEnv(net)
  const subnet = await env.registerSubnet(net.accounts[1]!.address, 'epochs', { rho: 1000 })
  await env.step(env.activate(subnet), env.addMinter(subnet))
  const members = net.accounts.slice(2, 2 + neurons).map((a) => a.address as Address)
  await env.step(
    ...members.flatMap((m, i) => env.join(m, subnet.netuid, E(i < validators ? 500 : 200), i < validators)),
  )
  const weights = Object.fromEntries(members.slice(validators).map((m, i) => [m, 1000 + i * 10]))
  await env.step(...members.slice(0, validators).map((v) => env.setWeights(v, subnet.netuid, weights)))
  const ours: number[] = []
  const reference: number[] = []
  for (let epoch = 0; epoch < 10; epoch++) {
    // Mine up to the block before the next epoch, then time the epoch block alone.
    while (((await env.head()) + 1n + BigInt(subnet.netuid) + 1n) % 10n !== 0n) await env.mine()
    ours.push(
      await timed(async () => {
        const [r] = await env.mine()
        if (r?.epochs[0]?.participants.length !== neurons) throw new Error('epoch did not see every neuron')
      }),
    )
    reference.push(await timed(() => rpc(bare.rpcUrl, 'evm_mine')))
  }
  return { ours: median(ours), bare: median(reference) }
}

await using bare = await startAnvil({ chainId: 560002 })
await rpc(bare.rpcUrl, 'evm_setAutomine', [false])
for (let i = 0; i < 10; i++) await rpc(bare.rpcUrl, 'evm_mine') // warm-up
for (const n of [1, 8, 32]) {
  const r = await emissionBlocks(n, bare)
  report(
    `localnet block with emission, ${n} subnet(s)`,
    r.ours,
    'bare anvil block (evm_mine, no chain part)',
    r.bare,
    'ms',
  )
}
const epoch = await epochBlocks(64, 8, bare)
report('epoch block, 1 subnet × 64 neurons (8 validators)', epoch.ours, 'bare anvil block', epoch.bare, 'ms')
