import type { Cli } from '../../runtime/Cli.js'
import { parseNetuid, parsePort } from '../../runtime/parse.js'

interface UpdateServiceOptions {
  axonEndpoint: string
  axonPort: string
  prometheusEndpoint: string
  prometheusPort: string
}

/** `hetu neuron update-service <netuid> --axon-endpoint --axon-port` */
export async function run(cli: Cli, netuidText: string, opts: UpdateServiceOptions): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const axonPort = parsePort(opts.axonPort, 'axon port')
  const prometheusPort = parsePort(opts.prometheusPort, 'prometheus port', 0)
  const client = await cli.signer('hotkey')
  const done = await cli.step(`publishing ${opts.axonEndpoint}:${axonPort} on subnet ${netuid}`, () =>
    client.updateNeuronService({
      netuid,
      axonEndpoint: opts.axonEndpoint,
      axonPort,
      prometheusEndpoint: opts.prometheusEndpoint,
      prometheusPort,
    }),
  )
  cli.result(
    done,
    () => `Subnet ${netuid} now lists ${opts.axonEndpoint}:${axonPort} for ${done.from} (tx ${done.hash}).`,
  )
}
