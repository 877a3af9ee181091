// A localnet with emission and one active subnet whose validators have set weights, so epochs pay
// Alpha; a dashboard on it; a headless Chromium (Debian's) driven by playwright-core.
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import type { Address, Hex } from 'viem'
import { addresses } from '../../bench/metagraph/fixture.js'
import { populateSubnet as populate } from '../../bench/metagraph/populate.js'
import {
  Axon,
  type HetuClient,
  type Localnet,
  parseHetu,
  type SubnetHyperparams,
  startLocalnet,
} from '../../src/index.js'
import type { HetuContracts } from '../../src/localnet/index.js'
import { hetuClient } from '../fixtures/localnet.js'

export interface EmissionSubnet {
  net: Localnet
  owner: HetuClient
  netuid: number
  validators: Address[]
  miners: Address[]
  /** Private key of dev account i. */
  key(i: number): Hex
  stop(): Promise<void>
}

/**
 * Dev account 0 owns the subnet; accounts 1..validators are validators, the next `miners` are miners
 * (the first miner serves a real axon). Every validator weights every miner.
 */
export async function emissionSubnet(
  options: { name?: string; validators?: number; miners?: number; blockTime?: number; tempo?: number } = {},
): Promise<EmissionSubnet> {
  const validatorCount = options.validators ?? 2
  const minerCount = options.miners ?? 3
  const net = await startLocalnet({
    rules: 'fixed',
    accounts: 1 + validatorCount + minerCount,
    emission: { blockTime: options.blockTime ?? 0.2 },
  })
  const axons: Axon[] = []
  try {
    const key = (i: number) => net.accounts[i]!.privateKey
    const connect = (i: number) => devClient(net, i)
    const owner = await connect(0)
    const netuid = await activeSubnet(owner, options.name ?? 'dashboard test', {
      tempo: options.tempo ?? 4,
      immunityPeriod: 1,
      weightsRateLimit: 2n,
    })
    const axon = await new Axon({
      hotkey: key(1 + validatorCount),
      ip: '127.0.0.1',
      port: 0,
      prometheus: false,
    })
      .attach((s) => ({ completion: s.completion }))
      .start()
    axons.push(axon)
    const validators: Address[] = []
    const miners: Address[] = []
    for (let i = 1; i <= validatorCount + minerCount; i++) {
      const client = await connect(i)
      const validator = i <= validatorCount
      await client.registerNeuron({
        netuid,
        isValidatorRole: validator,
        stake: parseHetu(validator ? '600' : String(200 + 50 * i)),
        axonEndpoint: '127.0.0.1',
        axonPort: i === 1 + validatorCount ? axon.port : 1,
      })
      ;(validator ? validators : miners).push(client.account!.address)
    }
    for (let i = 1; i <= validatorCount; i++) {
      const client = await connect(i)
      await client.setWeights({
        netuid,
        weights: miners.map((dest, j) => ({ dest, weight: 100_000 * (j + 1) })),
      })
    }
    return {
      net,
      owner,
      netuid,
      validators,
      miners,
      key,
      stop: async () => {
        await Promise.all(axons.map((a) => a.stop()))
        await net.stop()
      },
    }
  } catch (err) {
    await Promise.all(axons.map((a) => a.stop()))
    await net.stop()
    throw err
  }
}

/** Registers a subnet (its Alpha mintable by the chain's emission) and activates it. */
export async function activeSubnet(
  owner: HetuClient,
  name: string,
  hyperparams: Partial<SubnetHyperparams> = {},
): Promise<number> {
  await owner.waitForSubnetRateLimit()
  const { netuid } = await owner.registerSubnet({
    name,
    description: 'a subnet the dashboard tests watch',
    tokenName: 'Dash Alpha',
    tokenSymbol: 'DASH',
    hyperparams,
  })
  await owner.addSubnetMinter({ netuid })
  await owner.activateSubnet({ netuid })
  return netuid
}

/** A fresh directory for a test's SQLite file. */
export async function tempDir(
  prefix = 'hetu-dashboard-',
): Promise<{ dir: string; [Symbol.asyncDispose](): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) }
}

/** Debian's Chromium (`.ci/run` installs it); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const path =
    process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync)
  if (!path || !existsSync(path))
    throw new Error('Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)')
  return path
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  })
}

/** Where a test's screenshots go: test-output/dashboard/<name>.png (kept after the run). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(import.meta.dirname, '..', '..', 'test-output', 'dashboard')
  await mkdir(dir, { recursive: true })
  const path = join(dir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

/** Resolves once `check` is true, polling; rejects with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * A JSON-RPC relay in front of a node (real HTTP both ways): `down()` drops every request (the node
 * unreachable), `up()` forwards again, `target()` points it at another node (a chain restarted behind
 * the same URL).
 */
export async function startRpcRelay(target: string) {
  let upstream = target
  let isDown = false
  const server = createServer(async (req, res) => {
    if (isDown) {
      req.socket.destroy()
      return
    }
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    try {
      const answer = await fetch(upstream, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      })
      res.writeHead(answer.status, { 'content-type': 'application/json' })
      res.end(Buffer.from(await answer.arrayBuffer()))
    } catch {
      req.socket.destroy()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    down() {
      isDown = true
      server.closeAllConnections()
    },
    up() {
      isDown = false
    },
    target(url: string) {
      upstream = url
      server.closeAllConnections()
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Registers `validators` + `miners` neurons (the metagraph bench's fast population) with weights. */
export async function populateSubnet(
  net: { rpcUrl: string; contracts: HetuContracts },
  netuid: number,
  options: { validators: number; miners: number; weightsPerValidator: number },
): Promise<{ validators: Address[]; miners: Address[] }> {
  const validators = addresses(options.validators, 1)
  const miners = addresses(options.miners, 2)
  const sender = { rpcUrl: net.rpcUrl, nonces: new Map() }
  await populate(sender, net.contracts, netuid, {
    validators,
    miners,
    weightsPerValidator: options.weightsPerValidator,
  })
  return { validators, miners }
}

/** A client of the localnet signing as dev account `i` (isolated from ~/.hetu and HETU_* env). */
export function devClient(
  net: Pick<Localnet, 'rpcUrl' | 'contracts' | 'accounts'>,
  i = 0,
  rpcUrl = net.rpcUrl,
  retryCount?: number,
): Promise<HetuClient> {
  return hetuClient({ ...net, rpcUrl }, { account: i, ...(retryCount !== undefined && { retryCount }) })
}
