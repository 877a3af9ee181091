import { HETU_CONTRACT_NAMES, type HetuContractAddresses } from '../../chain/networks/contracts.js'
import {
  type LocalnetInfoFile,
  localnetInfoPath,
  probeLocalnet,
  processExists,
  readLocalnetInfoFile,
} from '../../chain/networks/localnetInfo.js'
import { localNetwork } from '../../chain/networks/presets.js'
import { resolveNetworkRequest } from '../../chain/networks/resolve.js'
import type { HetuSubnetConnectOptions } from '../../sdk/HetuSubnet.js'
import { AmbiguousLocalnetError } from './errors.js'
import { findLocalnets, isLoopback, portOf } from './localnetFile.js'

export interface CliNetworkOptions {
  network?: string | undefined
  rpcUrl?: string | undefined
}

export interface CliConnectTarget {
  connect: Pick<HetuSubnetConnectOptions, 'network' | 'rpcUrl' | 'contracts' | 'chainId'>
  /**
   * The `hetu localnet` serving the endpoint, if any: found and probed, or, for an explicit --rpc-url,
   * the info file of its port whose process lives (not probed: compare its chainId with the
   * connection's before trusting it).
   */
  localnet: LocalnetInfoFile | undefined
}

/**
 * Where to connect. Names, URLs, env and config resolve as in the SDK (option > env > config >
 * preset); when that lands on a local chain, the contract addresses come from the info file of the
 * `hetu localnet` serving that port, so `--network local` (the default) needs nothing else. Without an
 * explicit URL and with nothing on 8545, the one running localnet is used whatever its port; the
 * probe that finds it (eth_chainId) stands for the client's own chain-id check.
 *
 * An explicit --rpc-url is not probed: the client's chain-id check is the only round trip before the
 * command's own, and the SDK takes the addresses from the port's info file when its process lives
 * and its chain id is the one the RPC reports (see `localnetContracts`).
 */
export async function resolveCliNetwork(
  options: CliNetworkOptions,
  env: NodeJS.ProcessEnv,
): Promise<CliConnectTarget> {
  const request = resolveNetworkRequest({ network: options.network, rpcUrl: options.rpcUrl, env })
  const plain = { connect: { network: options.network, rpcUrl: options.rpcUrl }, localnet: undefined }
  const local = request.name === 'local' || (request.name === undefined && isLoopback(request.rpcUrl))
  if (!local) return plain
  if (options.rpcUrl !== undefined) return { ...plain, localnet: localnetFileOf(request.rpcUrl, env) }
  const localnet = await findLocalnet(request.rpcUrl, request.rpcUrl === localNetwork.rpcUrl, env)
  if (!localnet) return plain
  return {
    connect: {
      network: request.name,
      rpcUrl: localnet.rpcUrl,
      contracts: knownContracts(localnet.contracts),
      chainId: localnet.chainId,
    },
    localnet,
  }
}

/** The info file of the localnet on `rpcUrl`'s port, unless its recorded process is gone (no network). */
function localnetFileOf(rpcUrl: string, env: NodeJS.ProcessEnv): LocalnetInfoFile | undefined {
  const file = readLocalnetInfoFile(localnetInfoPath(portOf(rpcUrl), env))
  if (!file || portOf(file.rpcUrl) !== portOf(rpcUrl)) return undefined
  return file.pid === undefined || processExists(file.pid) ? file : undefined
}

async function findLocalnet(
  rpcUrl: string,
  anyPort: boolean,
  env: NodeJS.ProcessEnv,
): Promise<LocalnetInfoFile | undefined> {
  const exact = readLocalnetInfoFile(localnetInfoPath(portOf(rpcUrl), env))
  if (exact && portOf(exact.rpcUrl) === portOf(rpcUrl) && (await probeLocalnet(exact)).alive) return exact
  if (!anyPort) return undefined
  const { running } = await findLocalnets(env)
  if (running.length > 1) throw new AmbiguousLocalnetError(running.map((file) => file.rpcUrl))
  return running[0]
}

function knownContracts(contracts: Record<string, string>): HetuContractAddresses {
  const out: Record<string, string> = {}
  for (const name of HETU_CONTRACT_NAMES) if (contracts[name]) out[name] = contracts[name]
  return out as HetuContractAddresses
}
