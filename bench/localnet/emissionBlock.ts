// Time per localnet block with the chain's part on (emission + pool injection for N subnets, each
// block mined by the emission module) vs a bare anvil block with no chain part (evm_mine alone).
// Also one epoch block of a subnet with 64 neurons. Prints ours, the reference and the ratio.
import type { Address } from 'viem'
import { startAnvil } from '../../src/localnet/anvil.js'
import { startLocalnet } from '../../src/localnet/localnet.js'
import { rpc } from '../../src/localnet/rpc.js'
import { createLogger } from '../../src/logging/index.js'
import { E, emissionEnv } from '../../test/localnet/emission-env.js'
import { median, report } from '../report.js'

const BLOCKS = Number(process.env.BLOCKS ?? 40)
const logger = createLogger({ level: 'silent' })

async function timeEach(n: number, once: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await once()
    times.push(performance.now() - t)
  }
  return median(times)
}

async function bareBlock(): Promise<number> {
  await using anvil = await startAnvil({ chainId: 560002 })
  await rpc(anvil.rpcUrl, 'evm_setAutomine', [false])
  await timeEach(10, () => rpc(anvil.rpcUrl, 'evm_mine')) // warm-up
  return await timeEach(BLOCKS, () => rpc(anvil.rpcUrl, 'evm_mine')) // await: anvil is disposed on return
}

async function emissionBlock(subnets: number): Promise<number> {
  await using net = await startLocalnet({ emission: { manual: true, tempo: 10_000, logger } })
  const env = emissionEnv(net)
  const handles = []
  for (let i = 0; i < subnets; i++)
    handles.push(await env.registerSubnet(net.accounts[1 + (i % 9)]!.address, `bench${i}`))
  await env.step(...handles.flatMap((s) => [env.activate(s), env.addMinter(s)]))
  const [first] = await env.mine()
  if (first?.subnets.length !== subnets) throw new Error(`expected ${subnets} emitting subnets`)
  await env.mine(5) // warm-up
  return await timeEach(BLOCKS, () => env.mine())
}

async function epochBlock(neurons: number, validators: number): Promise<number> {
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
  const times: number[] = []
  for (let epoch = 0; epoch < 8; epoch++) {
    // Mine up to the block before the next epoch, then time the epoch block alone.
    while (!(await nextIsEpoch(env, subnet.netuid))) await env.mine()
    const t = performance.now()
    const [r] = await env.mine()
    times.push(performance.now() - t)
    if (r?.epochs[0]?.participants.length !== neurons) throw new Error('epoch did not see every neuron')
  }
  return median(times)
}

async function nextIsEpoch(env: ReturnType<typeof emissionEnv>, netuid: number) {
  return ((await env.head()) + 1n + BigInt(netuid) + 1n) % 10n === 0n
}

const bare = await bareBlock()
for (const n of [1, 8, 32]) {
  report(
    `localnet block with emission, ${n} subnet(s)`,
    await emissionBlock(n),
    'bare anvil block (evm_mine, no chain part)',
    bare,
    'ms',
  )
}
report(
  'epoch block, 1 subnet × 64 neurons (8 validators)',
  await epochBlock(64, 8),
  'bare anvil block',
  bare,
  'ms',
)
