// Where an example runs: a localnet it starts itself, or one already running (`npx hetu localnet`).
import { existsSync, readFileSync } from 'node:fs'
import { HetuSubnet, type HetuSubnetConnectOptions, type LocalnetInfo, startLocalnet } from 'hetu-subnet'
import {
  type EmissionModule,
  type EmissionOptions,
  type LocalnetRules,
  localnetInfoPath,
} from 'hetu-subnet/localnet'
import type { Hex, PrivateKeyAccount } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { ExampleError } from './run.js'

/** What every example's `main()` accepts. */
export interface ExampleOptions {
  /** Run on this localnet instead of starting one (tests, or your own `startLocalnet()`). */
  localnet?: LocalnetInfo
  /** Rule set of the localnet the example starts itself (default `'public'`: as the public chain). */
  rules?: LocalnetRules
  /** Where the example narrates what it does (default: console.log). */
  log?: (line: string) => void
}

/** A running localnet with its funded dev accounts, and whether this example owns it. */
export interface ExampleNetwork extends AsyncDisposable {
  readonly info: LocalnetInfo
  /** True when the example started the localnet (it stops it at the end). */
  readonly started: boolean
  /** The chain's part (emission, epochs) when this example started the localnet with `emission`. */
  readonly emission: EmissionModule | undefined
  /** Dev account i (0 deployed the contracts: it owns SubnetManager). */
  account(i: number): PrivateKeyAccount
  /** Dev account i's private key, for axons and dendrites that sign with it as their hotkey. */
  privateKey(i: number): Hex
  /** The Python SDK's `HetuSubnet` client, signing with dev account i (read-only without one). */
  connect(
    i?: number,
    options?: Pick<HetuSubnetConnectOptions, 'walletDir' | 'logVerbose'>,
  ): Promise<HetuSubnet>
  close(): Promise<void>
}

/**
 * Opens the network an example runs on, in this order: `options.localnet`; the JSON file named by
 * `HETU_LOCALNET_INFO`; the file `npx hetu localnet` writes for the port of `HETU_RPC_URL`; any other
 * Hetu-compatible chain named by `HETU_RPC_URL` or `HETU_NETWORK` (resolved as the SDK does: presets,
 * `hetu network add`, HETU_CONTRACT_*), signing with the funded keys in `HETU_PRIVATE_KEYS`; otherwise a
 * fresh localnet (anvil + contracts, about half a second; with `emission`, one that plays the chain's
 * reward part) that `close()` stops.
 */
export async function openNetwork(
  options: ExampleOptions = {},
  start: { emission?: EmissionOptions } = {},
): Promise<ExampleNetwork> {
  const log = options.log ?? console.log
  const given = options.localnet ?? readInfoFromEnv(process.env)
  const remote = given ? undefined : await chainFromEnv(process.env)
  let info = given ?? remote
  let stop: (() => Promise<void>) | undefined
  let emission: EmissionModule | undefined
  if (info) log(`using the ${remote ? 'chain' : 'localnet'} at ${info.rpcUrl}`)
  else {
    const started = Date.now()
    const net = await startLocalnet({
      ...(options.rules !== undefined && { rules: options.rules }),
      ...(start.emission && { emission: start.emission }),
    })
    info = net.toJSON()
    emission = net.emission
    stop = () => net.stop()
    log(`started a localnet at ${info.rpcUrl} in ${Date.now() - started} ms`)
  }
  const localnet = info
  const keyOf = (i: number): Hex => {
    const key = localnet.accounts[i]?.privateKey
    if (!key) throw new Error(`the localnet has no dev account ${i} (it has ${localnet.accounts.length})`)
    return key
  }
  const close = async () => {
    await stop?.()
    stop = undefined
  }
  return {
    info: localnet,
    started: stop !== undefined,
    emission,
    account: (i) => privateKeyToAccount(keyOf(i)),
    privateKey: keyOf,
    connect: (i, extra) =>
      HetuSubnet.connect({
        ...extra,
        rpcUrl: localnet.rpcUrl,
        contracts: localnet.contracts,
        // Only what the localnet says: no ~/.hetu/config.json, no HETU_CONTRACT_* overrides.
        configPath: false,
        env: {},
        ...(i !== undefined && { account: keyOf(i) }),
      }),
    close,
    [Symbol.asyncDispose]: close,
  }
}

function readInfoFromEnv(env: NodeJS.ProcessEnv): LocalnetInfo | undefined {
  let file = env.HETU_LOCALNET_INFO
  if (!file && env.HETU_RPC_URL) {
    const port = new URL(env.HETU_RPC_URL).port || '80'
    file = localnetInfoPath(port)
    // Not a `hetu localnet` on this machine: another chain (see chainFromEnv).
    if (!existsSync(file)) return undefined
  }
  if (!file) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalnetInfo
  } catch (cause) {
    throw new ExampleSetupError(
      `cannot read the localnet info file ${file}`,
      'Point HETU_LOCALNET_INFO at the JSON that `npx hetu localnet` prints.',
      cause,
    )
  }
}

/**
 * Any Hetu-compatible chain the environment names (HETU_RPC_URL, HETU_NETWORK), with its accounts from
 * HETU_PRIVATE_KEYS (comma-separated, funded; the first owns what the example creates). The keys stay in
 * memory: nothing prints them.
 */
async function chainFromEnv(env: NodeJS.ProcessEnv): Promise<LocalnetInfo | undefined> {
  if (!env.HETU_RPC_URL && !env.HETU_NETWORK) return undefined
  const keys = (env.HETU_PRIVATE_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean) as Hex[]
  if (keys.length === 0)
    throw new ExampleSetupError(
      `${env.HETU_RPC_URL ? `HETU_RPC_URL=${env.HETU_RPC_URL}` : `HETU_NETWORK=${env.HETU_NETWORK}`} names a chain but HETU_PRIVATE_KEYS is empty`,
      'Set HETU_PRIVATE_KEYS=0x…,0x… to funded keys of that chain (the first is the owner), or start a localnet with `npx hetu localnet` (its dev accounts are used).',
    )
  const { network } = await HetuSubnet.connect({})
  return {
    rpcUrl: network.rpcUrl,
    chainId: network.chainId,
    contracts: network.contracts as LocalnetInfo['contracts'],
    accounts: keys.map((privateKey) => ({ address: privateKeyToAccount(privateKey).address, privateKey })),
    systemAddress: '0x7f7896959283F97F6F197B08CdafaA73df4b7dF1',
    treasury: '0x0000000000000000000000000000000000000000',
    // A chain that is not our localnet: it behaves as the public contracts do.
    rules: 'public',
    deployBlock: '0',
    emission: null,
  }
}

class ExampleSetupError extends ExampleError {
  override name = 'ExampleSetupError'
}
