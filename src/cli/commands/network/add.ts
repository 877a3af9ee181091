import {
  MissingContractAddressError,
  MissingRpcUrlError,
  redactRpcUrl,
} from '../../../chain/errors/network.js'
import { checkNetwork } from '../../../chain/networks/check.js'
import { type HetuConfigNetwork, updateHetuConfig } from '../../../chain/networks/config.js'
import { CORE_CONTRACTS } from '../../../chain/networks/contracts.js'
import { CONTRACT_GENERATIONS } from '../../../chain/networks/data.js'
import { findPreset } from '../../../chain/networks/presets.js'
import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError, NetworkExistsError } from '../../runtime/errors.js'
import { parseInteger } from '../../runtime/parse.js'
import { checkNetworkName, configOf, contractsFromOptions, readContractsFile } from './shared.js'
import { printNetwork } from './show.js'

interface AddOptions extends Record<string, unknown> {
  chainId?: string
  explorer?: string
  contractsFile?: string
  update?: boolean
  use?: boolean
}

/** `hetu network add <name> --rpc-url … [--contracts-file f.json | --whetu … …] [--explorer …] [--chain-id …]` */
export async function run(cli: Cli, name: string, opts: AddOptions): Promise<void> {
  checkNetworkName(name)
  const { path, config } = configOf(cli)
  const saved = config.networks[name]
  if (saved && !opts.update) throw new NetworkExistsError({ name, path })
  const preset = findPreset(name)
  const rpcUrl = cli.options.rpcUrl ?? saved?.rpcUrl ?? preset?.rpcUrl
  if (!rpcUrl) throw new MissingRpcUrlError(name)
  const given = {
    ...(opts.contractsFile !== undefined ? await readContractsFile(opts.contractsFile) : {}),
    ...contractsFromOptions(opts),
  }
  const contracts = { ...saved?.contracts, ...given }
  const explorerUrl = opts.explorer !== undefined ? parseUrl(opts.explorer, '--explorer') : saved?.explorerUrl
  const expectedChainId =
    opts.chainId !== undefined
      ? parseInteger(opts.chainId, '--chain-id', 1)
      : (saved?.chainId ?? (preset?.local ? undefined : preset?.chainId))
  // Everything the network will resolve to is checked: the preset's addresses under a preset's name too.
  const effective = { ...preset?.contracts, ...contracts }
  const found = await cli.step(`checking ${name} at ${redactRpcUrl(rpcUrl)}`, () =>
    checkNetwork({ network: name, rpcUrl, contracts: effective, expectedChainId }),
  )
  const missing = CORE_CONTRACTS.filter((c) => !effective[c])
  if (missing.length > 0)
    throw new MissingContractAddressError({ contracts: missing, network: name, chainId: found.chainId })
  if (found.generation === 'legacy')
    cli.warn(
      `the SubnetManager is the legacy ${CONTRACT_GENERATIONS.legacy.value} contract (no addSubnetMinter, AlphaToken with a single minter): subnets created there never receive chain-minted Alpha`,
    )
  const entry: HetuConfigNetwork = {
    chainId: found.chainId,
    rpcUrl,
    ...(explorerUrl !== undefined && { explorerUrl }),
    contracts,
    ...(found.generation !== undefined && { generation: found.generation }),
    checkedAt: new Date().toISOString(),
  }
  const after = updateHetuConfig(
    (draft) => {
      draft.networks[name] = entry
      if (opts.use) draft.network = name
    },
    path,
    cli.env,
  )
  printNetwork(cli, name, after, { saved: path })
}

function parseUrl(text: string, what: string): string {
  try {
    return new URL(text).toString().replace(/\/$/, '')
  } catch {
    throw new CliArgumentError(what, text, 'not a URL', 'Pass e.g. https://explorer.example.org.')
  }
}
