import { hetuNetworks } from '../../../chain/networks/presets.js'
import type { Cli } from '../../runtime/Cli.js'
import { formatTable } from '../../runtime/table.js'
import { configOf, defaultNetworkName, knownNetworks, lookupNetwork } from './shared.js'

/** `hetu network list` */
export async function run(cli: Cli): Promise<void> {
  const { path, config } = configOf(cli)
  const current = defaultNetworkName(cli, config)
  const rows = knownNetworks(config).map((name) => {
    const { preset, saved } = lookupNetwork(name, config)
    return {
      name,
      default: name === current,
      origin: preset && saved ? 'preset + saved' : preset ? 'preset' : 'saved',
      chainId: saved?.chainId ?? preset?.chainId ?? null,
      rpcUrl: saved?.rpcUrl ?? preset?.rpcUrl ?? null,
      generation: saved?.generation ?? preset?.generation ?? null,
    }
  })
  cli.result({ config: path, default: current, networks: rows, presets: hetuNetworks.length }, () =>
    formatTable(
      ['', 'NAME', 'CHAIN ID', 'RPC URL', 'CONTRACTS', 'FROM'],
      rows.map((r) => [
        r.default ? '*' : '',
        r.name,
        r.chainId ?? '?',
        r.rpcUrl ?? '(none published)',
        r.generation ?? '',
        r.origin,
      ]),
    ),
  )
}
