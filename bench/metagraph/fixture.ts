// A localnet with one subnet of N neurons (V validators with weights, the rest miners) for the metagraph
// bench. Building it sends 4·N transactions, which takes minutes on a busy machine, so the chain state is
// dumped once (anvil_dumpState, gzip) under .cache/bench/ and later runs start anvil from it
// (`--load-state`; the RPC route is capped at 2 MB). The cache key covers the sizes and the compiled
// contract code, so a contract change rebuilds it. Metadata goes in `.meta` (JSON), which biome skips.
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { type Address, getAddress, pad, toHex } from 'viem'
import { startAnvil } from '../../src/localnet/anvil.js'
import type { HetuContracts } from '../../src/localnet/deploy.js'
import { LOCAL_CHAIN_ID, startLocalnet } from '../../src/localnet/localnet.js'
import { createSubnet, hetuClient } from '../../test/fixtures/localnet.js'
import { registrationCalls, rpcBatchInChunks, type Sender, sendAll, setWeightsCall } from './populate.js'

/** What the bench needs of the chain. */
export interface BenchNet {
  rpcUrl: string
  contracts: HetuContracts
  stop(): Promise<void>
}

export interface SubnetFixture {
  net: BenchNet
  netuid: number
  validators: Address[]
  miners: Address[]
  sender: Sender
  /** Seconds spent building (0 when loaded from the cache). */
  builtIn: number
}

const root = join(import.meta.dirname, '..', '..')

/** Distinct addresses no key controls (anvil impersonates them). */
export function addresses(count: number, salt: number): Address[] {
  return Array.from({ length: count }, (_, i) =>
    getAddress(pad(toHex(0x6d0000000 + salt * 1_000_000 + i + 1), { size: 20 })),
  )
}

/** Sizes + the compiled code of every contract (not build metadata such as source hashes). */
async function cacheKey(parts: object): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(parts))
  const dir = join(root, 'artifacts')
  for (const file of (await readdir(dir)).sort()) {
    if (file === 'build-info.json') continue
    const { bytecode, deployedBytecode } = JSON.parse(await readFile(join(dir, file), 'utf8'))
    hash.update(`${file}\0${bytecode}\0${deployedBytecode}\0`)
  }
  return hash.digest('hex').slice(0, 16)
}

export async function subnetFixture(options: {
  neurons: number
  validators: number
  weightsPerValidator: number
}): Promise<SubnetFixture> {
  const { neurons, validators: v, weightsPerValidator } = options
  const validators = addresses(v, 1)
  const miners = addresses(neurons - v, 2)
  const base = join(root, '.cache', 'bench', `metagraph-${await cacheKey(options)}`)
  const cached = await loadCached(base)
  if (cached) return { ...cached, validators, miners, builtIn: 0 }

  const net = await startLocalnet()
  const sender: Sender = { rpcUrl: net.rpcUrl, nonces: new Map() }

  const started = performance.now()
  const owner = await hetuClient(net, { account: 0 })
  const { netuid } = await createSubnet(owner, { name: 'bench', tokenName: 'B', minter: true })
  const asValidators = registrationCalls(sender, net.contracts, netuid, validators, {
    validator: true,
    portBase: 9000,
  })
  const asMiners = registrationCalls(sender, net.contracts, netuid, miners, {
    validator: false,
    portBase: 10_000,
  })
  await rpcBatchInChunks(net.rpcUrl, [...asValidators.setup, ...asMiners.setup])
  await sendAll(sender, [...asValidators.txs, ...asMiners.txs])
  // Each validator weights a different window of miners.
  await sendAll(
    sender,
    validators.map((validator, i) =>
      setWeightsCall(
        sender,
        net.contracts.Weights,
        netuid,
        validator,
        Array.from({ length: Math.min(weightsPerValidator, miners.length) }, (_, k) => ({
          dest: miners[(i * 97 + k) % miners.length]!,
          weight: BigInt(1 + ((i * 7919 + k * 104_729) % 1_000_000)),
        })),
      ),
    ),
  )
  const builtIn = (performance.now() - started) / 1000
  const [state] = (await rpcBatchInChunks(net.rpcUrl, [{ method: 'anvil_dumpState', params: [] }])) as [
    string,
  ]
  await mkdir(join(root, '.cache', 'bench'), { recursive: true })
  await writeFile(`${base}.state.gz`, Buffer.from(state.slice(2), 'hex'))
  await writeFile(
    `${base}.meta`,
    JSON.stringify({ netuid, contracts: net.contracts, nonces: [...sender.nonces] }),
  )
  return { net, netuid, validators, miners, sender, builtIn }
}

async function loadCached(
  base: string,
): Promise<Omit<SubnetFixture, 'validators' | 'miners' | 'builtIn'> | null> {
  let meta: { netuid: number; contracts: HetuContracts; nonces: [Address, number][] }
  let gz: Buffer
  try {
    meta = JSON.parse(await readFile(`${base}.meta`, 'utf8'))
    gz = await readFile(`${base}.state.gz`)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
  const dir = await mkdtemp(join(tmpdir(), 'hetu-bench-state-'))
  const statePath = join(dir, 'state.json')
  await writeFile(statePath, gunzipSync(gz))
  const anvil = await startAnvil({ chainId: LOCAL_CHAIN_ID, extraArgs: ['--load-state', statePath] })
  const net: BenchNet = {
    rpcUrl: anvil.rpcUrl,
    contracts: meta.contracts,
    stop: async () => {
      await anvil.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
  const sender: Sender = { rpcUrl: anvil.rpcUrl, nonces: new Map(meta.nonces) }
  return { net, netuid: meta.netuid, sender }
}
