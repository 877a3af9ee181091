import type { HetuConfig } from '../../../chain/networks/config.js'
import { HETU_CONTRACT_NAMES } from '../../../chain/networks/contracts.js'
import type { Cli } from '../../runtime/Cli.js'
import { formatFields } from '../../runtime/table.js'
import { checkNetworkName, configOf, defaultNetworkName, lookupNetwork } from './shared.js'

/** `hetu network show [name]`: the default network without a name. */
export async function run(cli: Cli, name: string | undefined): Promise<void> {
  const { config } = configOf(cli)
  printNetwork(cli, name ?? defaultNetworkName(cli, config), config)
}

/**
 * Prints what a name stands for: the preset's published values and the saved entry's (which win),
 * each with where it comes from. Nothing is asked of the chain.
 */
export function printNetwork(
  cli: Cli,
  name: string,
  config: HetuConfig,
  extra: Record<string, unknown> = {},
): void {
  checkNetworkName(name)
  const { preset, saved } = lookupNetwork(name, config)
  const savedFrom = saved?.checkedAt ? `saved, checked ${saved.checkedAt.slice(0, 10)}` : 'saved'
  const pick = <T>(key: 'chainId' | 'rpcUrl' | 'explorerUrl' | 'faucetUrl', own: T | undefined) => {
    if (own !== undefined) return { value: own, from: savedFrom }
    const value = preset?.[key]
    const source = preset?.sources[key]
    return value === undefined
      ? undefined
      : { value, from: source ? `${source.source} (${source.date})` : 'preset' }
  }
  const presetSet = preset?.sources.contracts
  const contracts = HETU_CONTRACT_NAMES.flatMap((contract) => {
    const own = saved?.contracts?.[contract]
    const published = preset?.contracts[contract]
    if (own) return [{ contract, address: own, from: savedFrom }]
    if (published)
      return [
        {
          contract,
          address: published,
          from: presetSet ? `${presetSet.source} (${presetSet.date})` : 'preset',
        },
      ]
    return []
  })
  const generationSource = preset?.sources.generation
  const generation =
    saved?.generation !== undefined && saved.contracts?.SubnetManager
      ? { value: saved.generation, from: `${savedFrom} (SubnetManager bytecode)` }
      : preset?.generation !== undefined
        ? {
            value: preset.generation,
            from: generationSource ? `${generationSource.source} (${generationSource.date})` : 'preset',
          }
        : undefined
  const view = {
    name,
    default: name === defaultNetworkName(cli, config),
    description: preset?.description,
    local: preset?.local ?? false,
    chainId: pick('chainId', saved?.chainId),
    rpcUrl: pick('rpcUrl', saved?.rpcUrl),
    explorerUrl: pick('explorerUrl', saved?.explorerUrl),
    faucetUrl: pick('faucetUrl', undefined),
    generation,
    contracts,
    ...extra,
  }
  const line = (v: { value: unknown; from: string } | undefined) =>
    v ? `${v.value}  [${v.from}]` : undefined
  cli.result(view, () =>
    [
      formatFields([
        ['network', `${name}${view.default ? ' (default)' : ''}`],
        ...(view.description ? ([['about', view.description]] as const) : []),
        ['chain id', line(view.chainId) ?? '(not published: taken from the node)'],
        ['rpc url', line(view.rpcUrl) ?? '(none published: pass --rpc-url)'],
        ['explorer', line(view.explorerUrl)],
        ['faucet', line(view.faucetUrl)],
        ['contracts', line(view.generation) ?? (contracts.length > 0 ? 'generation unknown' : 'none')],
        ...(extra.saved ? ([['saved in', extra.saved]] as const) : []),
      ]),
      ...(contracts.length > 0
        ? ['', formatFields(contracts.map((c) => [`  ${c.contract}`, `${c.address}  [${c.from}]`] as const))]
        : []),
    ].join('\n'),
  )
}
