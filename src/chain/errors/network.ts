import type { Address } from 'viem'
import { HetuError } from '../../errors.js'
import { contractEnvName, contractFlag, type HetuContractName } from '../networks/contracts.js'

const CONTRACT_ENV_HINT =
  'pass `contracts: { WHETU, GlobalStaking, SubnetManager, NeuronManager, … }`, set HETU_CONTRACT_<NAME> ' +
  '(e.g. HETU_CONTRACT_SUBNET_MANAGER), or save the network with `hetu network add <name> --rpc-url <url> ' +
  '--contracts-file <file.json>` (a `hetu localnet` on this machine is found by itself)'

/** The network name is not a preset and not defined in the config file. */
export class UnknownNetworkError extends HetuError {
  override name = 'UnknownNetworkError'
  constructor(args: { network?: string; chainId?: number; rpcUrl?: string; known: readonly string[] }) {
    const what = args.network !== undefined ? `network "${args.network}"` : `chain id ${args.chainId}`
    super('UNKNOWN_NETWORK', `Unknown Hetu ${what}.`, {
      details:
        args.chainId !== undefined && args.rpcUrl
          ? `${args.rpcUrl} reports chain id ${args.chainId}, which is not a known Hetu network.`
          : undefined,
      hint: `Use one of ${args.known.join(', ')}, or pass \`rpcUrl\` together with the contract addresses: ${CONTRACT_ENV_HINT}.`,
      docsPath: 'docs/errors.md#unknown_network',
      meta: { network: args.network, chainId: args.chainId },
    })
  }
}

/** The RPC endpoint serves a different chain than the one asked for. */
export class WrongNetworkError extends HetuError {
  override name = 'WrongNetworkError'
  readonly expectedChainId: number
  readonly actualChainId: number
  constructor(args: { network: string; expectedChainId: number; actualChainId: number; rpcUrl: string }) {
    super(
      'WRONG_NETWORK',
      `Wrong network: "${args.network}" is chain ${args.expectedChainId} but the RPC serves chain ${args.actualChainId}.`,
      {
        details: `RPC endpoint: ${args.rpcUrl}`,
        hint: `Point \`rpcUrl\` at a ${args.network} node, or omit \`network\` to use whatever chain the RPC serves.`,
        docsPath: 'docs/errors.md#wrong_network',
        meta: { expectedChainId: args.expectedChainId, actualChainId: args.actualChainId },
      },
    )
    this.expectedChainId = args.expectedChainId
    this.actualChainId = args.actualChainId
  }
}

/** One or more contract addresses needed for the call are not configured for this network. */
export class MissingContractAddressError extends HetuError {
  override name = 'MissingContractAddressError'
  readonly contracts: readonly string[]
  constructor(args: { contracts: readonly HetuContractName[]; network: string; chainId: number }) {
    const flags = args.contracts.map((c) => `${contractFlag(c)} <address>`).join(' ')
    super(
      'MISSING_CONTRACT_ADDRESS',
      `No address for ${args.contracts.join(', ')} on ${args.network} (chain ${args.chainId}).`,
      {
        hint: `Add it to the network: \`hetu network add ${args.network} ${flags} --update\` (plus --rpc-url <url> for a network not saved yet), set ${args.contracts.map((c) => contractEnvName(c)).join(', ')}, or pass \`contracts: { ${args.contracts.join(', ')} }\`. A local chain started with \`hetu localnet\` publishes its own.`,
        docsPath: 'docs/errors.md#missing_contract_address',
        meta: { contracts: args.contracts, chainId: args.chainId },
      },
    )
    this.contracts = args.contracts
  }
}

/**
 * Several known networks fit the endpoint (or the chain id) and nothing says which one is meant: the
 * SDK never picks one of them by chain id alone.
 */
export class AmbiguousNetworkError extends HetuError {
  override name = 'AmbiguousNetworkError'
  readonly candidates: readonly string[]
  constructor(args: { chainId: number; rpcUrl: string; candidates: readonly string[] }) {
    super(
      'AMBIGUOUS_NETWORK',
      `${redactRpcUrl(args.rpcUrl)} (chain id ${args.chainId}) could be any of: ${args.candidates.join(', ')}.`,
      {
        details:
          'These networks share the endpoint or the chain id but not their contract addresses, so the SDK does not guess.',
        hint: `Pick one: \`--network <name>\` (SDK: \`network: '<name>'\`, env HETU_NETWORK), e.g. --network ${args.candidates[0]}; or pass the contract addresses yourself.`,
        docsPath: 'docs/errors.md#ambiguous_network',
        meta: { chainId: args.chainId, candidates: args.candidates },
      },
    )
    this.candidates = args.candidates
  }
}

/** The Hetu config file exists but cannot be read or does not have the documented shape. */
export class ConfigFileError extends HetuError {
  override name = 'ConfigFileError'
  constructor(args: { path: string; reason: string; cause?: unknown }) {
    super('INVALID_CONFIG', `Cannot use the Hetu config file ${args.path}: ${args.reason}.`, {
      hint: 'Fix or remove the file (`hetu network add` writes it); its shape is { "network"?: string, "networks": { "<name>": { "chainId"?, "rpcUrl"?, "explorerUrl"?, "contracts"?, "generation"? } } }.',
      docsPath: 'docs/errors.md#invalid_config',
      cause: args.cause,
      meta: { path: args.path },
    })
  }
}

/** The RPC endpoint did not answer (connection refused, timeout, 5xx) after the bounded retries. */
export class RpcUnavailableError extends HetuError {
  override name = 'RpcUnavailableError'
  constructor(args: { rpcUrl: string; attempts: number; reason: string; cause?: unknown }) {
    super('RPC_UNAVAILABLE', `The RPC endpoint ${args.rpcUrl} is not reachable.`, {
      details: `${args.reason} (after ${args.attempts} attempt${args.attempts === 1 ? '' : 's'})`,
      hint: 'Check that the node is running and the URL/port are right (for a localnet: `hetu localnet`).',
      docsPath: 'docs/errors.md#rpc_unavailable',
      cause: args.cause,
      meta: { rpcUrl: args.rpcUrl, attempts: args.attempts },
    })
  }
}

/**
 * The node answered the JSON-RPC request with an error that is not a contract revert, or the URL
 * answered HTTP that is not JSON-RPC (a 404 from a web server).
 */
export class RpcRequestFailedError extends HetuError {
  override name = 'RpcRequestFailedError'
  constructor(args: { method?: string; reason: string; rpcCode?: number; cause?: unknown }) {
    super('RPC_ERROR', `The node rejected ${args.method ?? 'the request'}: ${args.reason}`, {
      hint: 'See `details`/`cause`; if the node is not a Hetu or anvil node, check the RPC URL.',
      docsPath: 'docs/errors.md#rpc_error',
      cause: args.cause,
      meta: { method: args.method, rpcCode: args.rpcCode },
    })
  }
}

/** Shows scheme, host and port only: RPC URLs often carry API keys in the path or query. */
export function redactRpcUrl(url: string): string {
  try {
    const parsed = new URL(url)
    const hidden = parsed.pathname.length > 1 || parsed.search || parsed.username ? '/…' : ''
    return `${parsed.protocol}//${parsed.host}${hidden}`
  } catch {
    return '<invalid url>'
  }
}

/** A network was chosen that has no default RPC URL (e.g. mainnet) and none was given. */
export class MissingRpcUrlError extends HetuError {
  override name = 'MissingRpcUrlError'
  constructor(network: string) {
    super('MISSING_RPC_URL', `Network "${network}" has no default RPC URL.`, {
      hint: 'Pass `rpcUrl`, set HETU_RPC_URL, or add `networks.<name>.rpcUrl` to ~/.hetu/config.json.',
      docsPath: 'docs/errors.md#missing_rpc_url',
      meta: { network },
    })
  }
}

/** Nothing is deployed at an address given for one of the Hetu contracts. */
export class NoContractCodeError extends HetuError {
  override name = 'NoContractCodeError'
  readonly contracts: readonly { name: HetuContractName; address: Address }[]
  constructor(args: {
    network: string
    chainId: number
    contracts: { name: HetuContractName; address: Address }[]
  }) {
    const list = args.contracts.map((c) => `${c.name} ${c.address}`).join(', ')
    super('NO_CONTRACT_CODE', `No contract code on chain ${args.chainId} at ${list}.`, {
      details: `Checked with eth_getCode against the RPC of "${args.network}" at its latest block.`,
      hint: `Check the address (a copy from another deployment or network?), or leave it out: ${args.contracts
        .map((c) => contractFlag(c.name))
        .join(', ')}.`,
      docsPath: 'docs/errors.md#no_contract_code',
      meta: { chainId: args.chainId, contracts: args.contracts },
    })
    this.contracts = args.contracts
  }
}

/**
 * A node answered a request sent through the SDK's JSON-RPC batch transport (the localnet's deploy,
 * block loop and emission reads) with an error, or the batch failed at the HTTP level.
 */
export class RpcError extends HetuError {
  override name = 'RpcError'
  constructor(
    readonly method: string,
    readonly rpcCode: number,
    message: string,
    readonly data?: unknown,
  ) {
    super('RPC_ERROR', `${method}: ${message}`, { meta: { method, rpcCode, data } })
  }
}
