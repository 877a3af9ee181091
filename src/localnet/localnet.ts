import { type Address, numberToHex } from 'viem'
import { type AnvilProcess, type DevAccount, startAnvil } from './anvil.js'
import { deployHetuContracts, type HetuContracts } from './deploy.js'
import { type EmissionModule, startEmission } from './emission/EmissionModule.js'
import {
  type EmissionInfo,
  type EmissionOptions,
  emissionRuleDefaults,
  resolveEmissionOptions,
} from './emission/options.js'
import { rpc } from './rpc.js'
import { type LocalnetRules, resolveLocalnetRules } from './rules.js'

/** The chain's local EVM chain id (hetu_560002-1; docs/networks.md#chain-ids). */
export const LOCAL_CHAIN_ID = 560002

export interface LocalnetOptions {
  /**
   * `'public'` (default): the contracts behave like the public Hetu chain's, quirks included, and
   * emission pays by the chain's rules. `'fixed'`: our fixes of those quirks (contracts/README.md),
   * conserving payouts and stake-proportional dividends. Anything else throws {@link LocalnetRulesError}.
   */
  rules?: LocalnetRules
  /** TCP port for the JSON-RPC endpoint; 0 (default from code) picks a free one. */
  port?: number
  host?: string
  chainId?: number
  /**
   * Seconds between blocks; omitted = a block per transaction (automine). With `emission` on, the
   * default block time of the emission module.
   */
  blockTime?: number
  /** Number of funded dev accounts (default 10). */
  accounts?: number
  /**
   * Network-wide blocks between subnet registrations (default 1 locally; the public chain uses 1000).
   * The localnet starts that many blocks past its deployment, so the first registration may come at once.
   */
  networkRateLimit?: bigint
  /** WHETU each dev account starts with (default 100 000 HETU, wrapped from its native balance). */
  whetuPerAccount?: bigint
  /** Receives anvil's and our log lines (stderr in the CLI); silent by default. */
  onLog?: (line: string) => void
  /**
   * Plays the chain's part (docs/emission.md): the localnet mines a block every `blockTime` seconds and in
   * each one emits, injects into the subnets' pools and pays epochs. Off by default from code (plain
   * automine); `true` for the defaults, or {@link EmissionOptions}.
   */
  emission?: boolean | EmissionOptions
}

/** What a running localnet tells its users; also printed as one JSON line by `hetu localnet`. */
export interface LocalnetInfo {
  rpcUrl: string
  chainId: number
  /** The rule set the contracts (and emission defaults) follow. */
  rules: LocalnetRules
  contracts: HetuContracts
  accounts: DevAccount[]
  systemAddress: Address
  treasury: Address
  deployBlock: string
  /** How the localnet produces blocks and rewards when emission is on; null otherwise (automine). */
  emission: EmissionInfo | null
}

export interface Localnet extends Omit<LocalnetInfo, 'emission'> {
  /** anvil's pid. */
  readonly pid: number
  /** anvil's throw-away HOME (removed when it stops). */
  readonly anvilHome: string
  /**
   * The chain's part (emission, pool injections, epochs and payouts) when started with `emission`:
   * its results (`on('block' | 'epoch')`, `next()`, `totals()`), `mine()` and settings (`info`).
   */
  readonly emission: EmissionModule | undefined
  /** The same fields as plain JSON (bigints as decimal strings). */
  toJSON(): LocalnetInfo
  stop(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/**
 * Starts anvil, deploys and wires every Hetu contract plus Multicall3, funds the dev accounts with WHETU
 * and returns when the chain is ready. `await using net = await startLocalnet()` stops it at scope end.
 */
export async function startLocalnet(
  options: LocalnetOptions & { emission: true | EmissionOptions },
): Promise<Localnet & { readonly emission: EmissionModule }>
export async function startLocalnet(options?: LocalnetOptions): Promise<Localnet>
export async function startLocalnet(options: LocalnetOptions = {}): Promise<Localnet> {
  const chainId = options.chainId ?? LOCAL_CHAIN_ID
  const rules = resolveLocalnetRules(options.rules)
  const given: EmissionOptions | undefined =
    options.emission === true ? {} : options.emission === false ? undefined : options.emission
  // Explicit payout/dividends win over the rule set's.
  const ruleDefaults = emissionRuleDefaults(rules)
  const emissionOptions: EmissionOptions | undefined = given && {
    ...given,
    payout: given.payout ?? ruleDefaults.payout,
    dividends: given.dividends ?? ruleDefaults.dividends,
  }
  if (emissionOptions) {
    resolveEmissionOptions({ ...emissionOptions, blockTime: emissionOptions.blockTime ?? options.blockTime })
  }
  const anvil: AnvilProcess = await startAnvil({
    port: options.port ?? 0,
    chainId,
    accounts: options.accounts ?? 10,
    ...(options.host !== undefined && { host: options.host }),
    // With emission the module mines the blocks; anvil automines only during the deploy.
    ...(options.blockTime !== undefined && !emissionOptions && { blockTime: options.blockTime }),
    ...(options.onLog !== undefined && { onLog: options.onLog }),
  })
  let emission: EmissionModule | undefined
  try {
    const deployer = anvil.accounts[0]!.address
    const networkRateLimit = options.networkRateLimit ?? 1n
    const deployed = await deployHetuContracts({
      rpcUrl: anvil.rpcUrl,
      deployer,
      rules,
      networkRateLimit,
      fund: anvil.accounts.map((a) => a.address),
      ...(options.whetuPerAccount !== undefined && { whetuPerAccount: options.whetuPerAccount }),
    })
    // SubnetManager counts its deployment as the last registration: past the rate limit, the next
    // block may register the first subnet (whether the chain automines or the emission module mines).
    await rpc(anvil.rpcUrl, 'anvil_mine', [numberToHex(networkRateLimit)])
    if (emissionOptions) {
      const blockTime = emissionOptions.blockTime ?? options.blockTime
      emission = await startEmission({
        ...emissionOptions,
        ...(blockTime !== undefined && { blockTime }),
        rpcUrl: anvil.rpcUrl,
        contracts: deployed.contracts,
        systemAddress: deployed.systemAddress,
      })
    }
    const info: LocalnetInfo = {
      rpcUrl: anvil.rpcUrl,
      chainId,
      rules,
      contracts: deployed.contracts,
      accounts: [...anvil.accounts],
      systemAddress: deployed.systemAddress,
      treasury: deployed.treasury,
      deployBlock: deployed.deployBlock.toString(),
      emission: emission?.info ?? null,
    }
    let stopped: Promise<void> | undefined
    // The chain part first: it finishes its block in progress while anvil still answers.
    const stop = () => {
      stopped ??= (async () => {
        await emission?.stop()
        await anvil.stop()
      })()
      return stopped
    }
    const { emission: _info, ...rest } = info
    return {
      ...rest,
      emission,
      pid: anvil.pid,
      anvilHome: anvil.home,
      toJSON: () => info,
      stop,
      [Symbol.asyncDispose]: stop,
    }
  } catch (err) {
    await emission?.stop()
    await anvil.stop()
    throw err
  }
}
