import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Address, encodeFunctionData } from 'viem'
import { AlphaTokenAbi, GlobalStakingAbi, NeuronManagerAbi, WHETUAbi } from '../../src/chain/actions/index.js'
import { type HetuClient, type Metagraph, parseHetu } from '../../src/index.js'
import type { Localnet } from '../../src/localnet/localnet.js'
import { sendAs } from '../chain/helpers/localnet.js'

/** Stakes and registers a dev account as a validator (or miner) of `netuid`. */
export async function registerDev(
  member: HetuClient,
  netuid: number,
  options: { validator?: boolean; endpoint?: string; port?: number } = {},
): Promise<void> {
  await member.addGlobalStake({ amount: parseHetu('2000') })
  await member.registerNeuron({
    netuid,
    isValidatorRole: options.validator ?? true,
    axonEndpoint: options.endpoint ?? '10.0.0.1',
    axonPort: options.port ?? 8091,
    prometheusEndpoint: '',
    prometheusPort: 0,
    stake: parseHetu(options.validator === false ? '300' : '600'),
  })
}

export const deregisterAs = (net: Localnet, account: Address, netuid: number) =>
  sendAs(
    net,
    account,
    net.contracts.NeuronManager,
    encodeFunctionData({ abi: NeuronManagerAbi, functionName: 'deregisterNeuron', args: [netuid] }),
  )

export const updateServiceAs = (
  net: Localnet,
  account: Address,
  netuid: number,
  endpoint: string,
  port: number,
) =>
  sendAs(
    net,
    account,
    net.contracts.NeuronManager,
    encodeFunctionData({
      abi: NeuronManagerAbi,
      functionName: 'updateNeuronService',
      args: [netuid, endpoint, port, 'prom.example', port + 1],
    }),
  )

export const transferAlphaAs = (net: Localnet, token: Address, from: Address, to: Address, amount: bigint) =>
  sendAs(
    net,
    from,
    token,
    encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'transfer', args: [to, amount] }),
  )

/** Mints as the chain's system address (the only minter the fixed rules allow besides the manager). */
export const mintAlpha = (net: Localnet, token: Address, to: Address, amount: bigint) =>
  sendAs(
    net,
    net.systemAddress,
    token,
    encodeFunctionData({ abi: AlphaTokenAbi, functionName: 'mint', args: [to, amount] }),
  )

/**
 * Registers again an impersonated account that left (its allocation was released; the fee was not):
 * wraps and stakes the missing fee, then registers as a miner on a new port.
 */
export async function reregisterAs(
  net: Localnet,
  account: Address,
  netuid: number,
  port: number,
): Promise<void> {
  const fee = parseHetu('1')
  const { WHETU, GlobalStaking, NeuronManager } = net.contracts
  await sendAs(net, account, WHETU, encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }), fee)
  await sendAs(
    net,
    account,
    WHETU,
    encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [GlobalStaking, fee] }),
  )
  await sendAs(
    net,
    account,
    GlobalStaking,
    encodeFunctionData({ abi: GlobalStakingAbi, functionName: 'addGlobalStake', args: [fee] }),
  )
  await sendAs(
    net,
    account,
    NeuronManager,
    encodeFunctionData({
      abi: NeuronManagerAbi,
      functionName: 'registerNeuronWithStakeAllocation',
      args: [netuid, parseHetu('200'), false, '127.0.0.2', port, '', 0],
    }),
  )
}

/** Deterministic PRNG (mulberry32): the same seed gives the same scenario. */
export function seeded(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}

/**
 * What the chain says, read through the plain actions (not the metagraph's own path): neuron list,
 * every neuron's info, Alpha balance and (validators) weight vector.
 */
export async function chainView(chain: HetuClient, netuid: number) {
  const block = await chain.getCurrentBlock()
  const list = await chain.getNeuronList({ netuid, blockNumber: block })
  const infos = await Promise.all(
    list.map((account) => chain.getNeuronInfo({ netuid, account, blockNumber: block })),
  )
  const balances = await Promise.all(
    list.map((address) => chain.getAlphaBalance({ netuid, address, blockNumber: block })),
  )
  const weights = await Promise.all(
    infos.map((info) =>
      info!.isValidator ? chain.getWeights({ netuid, validator: info!.account, blockNumber: block }) : null,
    ),
  )
  return { block, list, infos: infos.map((i) => i!), balances, weights }
}

/** The metagraph's content in the shape of {@link chainView}. */
export function metagraphView(metagraph: Metagraph) {
  const json = metagraph.toJSON()
  return {
    block: metagraph.block,
    list: metagraph.hotkeys,
    infos: json.neurons.map(({ alphaBalance: _, ...info }) => ({
      ...info,
      stake: BigInt(info.stake),
      registrationBlock: BigInt(info.registrationBlock),
      lastUpdate: BigInt(info.lastUpdate),
    })),
    balances: metagraph.alphaBalance,
    weights: metagraph.neurons.map((n) =>
      n.isValidator
        ? (json.weights[n.hotkey.toLowerCase()] ?? []).map(([dest, weight]) => ({
            dest,
            weight: BigInt(weight),
          }))
        : null,
    ),
  }
}

/**
 * An HTTP JSON-RPC proxy that behaves like a node without eth_call state overrides (older Evmos-based
 * chains): such calls get -32602 "too many arguments", everything else is forwarded. Counts what it sees.
 */
export async function startNoOverrideProxy(target: string) {
  type Request = { id: number; method: string; params?: unknown[] }
  const stats = { refused: 0, ethCalls: 0 }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Request | Request[]
    const calls = Array.isArray(parsed) ? parsed : [parsed]
    const refused = (c: Request) => c.method === 'eth_call' && c.params !== undefined && c.params.length > 2
    const answers = new Map<number, unknown>()
    for (const call of calls) {
      if (call.method === 'eth_call') stats.ethCalls++
      if (refused(call)) {
        stats.refused++
        answers.set(call.id, {
          jsonrpc: '2.0',
          id: call.id,
          error: { code: -32602, message: 'too many arguments, want at most 2' },
        })
      }
    }
    const forward = calls.filter((c) => !refused(c))
    if (forward.length > 0) {
      const upstream = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(forward),
      })
      for (const answer of (await upstream.json()) as { id: number }[]) answers.set(answer.id, answer)
    }
    const body = calls.map((c) => answers.get(c.id))
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(Array.isArray(parsed) ? body : body[0]))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
