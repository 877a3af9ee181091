import { Axon } from '../../../axon/index.js'
import type { Synapse } from '../../../protocol/synapse.js'
import type { Wallet } from '../../../wallet/index.js'
import type { Cli } from '../../runtime/Cli.js'
import { parseNetuid, parsePort } from '../../runtime/parse.js'
import { formatFields } from '../../runtime/table.js'
import { solveTask } from './tasks.js'

interface ServeOptions {
  ip: string
  port: string
  externalIp?: string
  externalPort?: string
  netuid?: string
  allowUnsigned?: boolean
  prometheus: boolean
}

/**
 * `hetu axon serve`: a demo miner answering the seed's "add A B" / "multiply A B" tasks, signed with
 * the wallet's hotkey (the neuron's address). With --netuid it publishes its endpoint on the chain.
 * Runs until SIGINT/SIGTERM, then drains and stops.
 */
export async function run(cli: Cli, opts: ServeOptions): Promise<void> {
  const port = parsePort(opts.port, 'port', 0)
  const externalPort =
    opts.externalPort === undefined ? undefined : parsePort(opts.externalPort, 'external port')
  const netuid = opts.netuid === undefined ? undefined : parseNetuid(opts.netuid)
  const walletName = await cli.optionalWalletName()
  let wallet: Wallet | undefined
  if (walletName) wallet = await cli.unlock(walletName)
  else
    cli.warn('no wallet selected: serving with a throwaway hotkey no chain entry points to (pass --wallet)')

  const axon = new Axon({
    ip: opts.ip,
    port,
    ...(opts.externalIp !== undefined && { externalIp: opts.externalIp }),
    ...(externalPort !== undefined && { externalPort }),
    ...(wallet && { wallet }),
    allowUnsigned: opts.allowUnsigned === true,
    prometheus: opts.prometheus ? {} : false,
    trace: cli.options.verbose === true,
  })
  axon.attach((synapse: Synapse, context) => {
    const answer = solveTask(synapse.completion)
    synapse.completion = answer ?? 'Unknown task type'
    if (cli.options.verbose) cli.log(`task "${synapse.completion}" from ${context.hotkey ?? 'unsigned'}`)
    return synapse
  })
  await cli.step('starting the axon', () => axon.start())
  const info = axon.info()

  if (netuid !== undefined && wallet) {
    const client = await cli.connect()
    client.setWallet(wallet, { key: 'hotkey' })
    await cli.step(`publishing ${info.ip}:${info.port} on subnet ${netuid}`, () =>
      client.updateNeuronService({ netuid, axonEndpoint: info.ip, axonPort: info.port }),
    )
  }

  const shown = {
    hotkey: axon.hotkey,
    ip: info.ip,
    port: info.port,
    url: axon.url,
    prometheusPort: axon.prometheusPort,
  }
  if (cli.json) process.stdout.write(`${JSON.stringify(shown)}\n`)
  else
    cli.result(shown, () =>
      formatFields([
        ['axon', axon.url],
        ['announced as', `${info.ip}:${info.port}`],
        ['hotkey', axon.hotkey],
        ['metrics', axon.prometheusPort ? `http://${opts.ip}:${axon.prometheusPort}/metrics` : 'off'],
      ]),
    )
  cli.log('serving; Ctrl-C stops')
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'))
    process.once('SIGTERM', () => resolve('SIGTERM'))
  })
  await cli.step(`${signal}: stopping the axon`, () => axon.stop())
}
