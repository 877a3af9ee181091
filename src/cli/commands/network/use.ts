import { updateHetuConfig } from '../../../chain/networks/config.js'
import type { Cli } from '../../runtime/Cli.js'
import { checkNetworkName, configOf, lookupNetwork } from './shared.js'

/** `hetu network use <name>`: the default network of every command from now on. */
export async function run(cli: Cli, name: string): Promise<void> {
  checkNetworkName(name)
  const { path, config } = configOf(cli)
  lookupNetwork(name, config)
  updateHetuConfig((draft) => (draft.network = name), path, cli.env)
  if (cli.env.HETU_NETWORK && cli.env.HETU_NETWORK !== name)
    cli.warn(`HETU_NETWORK=${cli.env.HETU_NETWORK} is set and still wins over the default`)
  cli.result({ network: name, config: path }, () => `Default network: ${name} (saved in ${path}).`)
}
