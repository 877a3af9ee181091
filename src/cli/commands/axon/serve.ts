import { Axon } from '../../../axon/index.js'
import { Miner } from '../../../neuron/index.js'
import type { Synapse } from '../../../protocol/synapse.js'
import type { Wallet } from '../../../wallet/index.js'
import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { parseAmount, parseDuration, parseNetuid, parsePort } from '../../runtime/parse.js'
import { formatFields } from '../../runtime/table.js'
import { solveTask } from './tasks.js'

interface ServeOptions {
  ip: string
  port: string
  externalIp?: string
  externalPort?: string
  netuid?: string
  register?: boolean
  stake?: string
  endpointCheck: string
  allow: string
  minStake?: string
  allowUnsigned?: boolean
  prometheus: boolean
}

/**
 * `hetu axon serve`: a demo miner answering the Python SDK's "add A B" / "multiply A B" tasks, signed with
 * the wallet's hotkey. With --netuid it runs as the SDK's Miner: checks (or, with --register, makes)
 * the registration and keeps the endpoint validators read on chain. Runs until SIGINT/SIGTERM.
 */
export async function run(cli: Cli, opts: ServeOptions): Promise<void> {
  const port = parsePort(opts.port, 'port', 0)
  const externalPort =
    opts.externalPort === undefined ? undefined : parsePort(opts.externalPort, 'external port')
  const netuid = opts.netuid === undefined ? undefined : parseNetuid(opts.netuid)
  const stake = opts.stake === undefined ? undefined : parseAmount(opts.stake, 'stake')
  const endpointCheckIntervalMs = parseDuration(opts.endpointCheck, 'endpoint check interval')
  const allow = parseAllow(opts.allow, netuid)
  const minStake = opts.minStake === undefined ? undefined : parseAmount(opts.minStake, 'minimum stake')
  if (minStake !== undefined && allow === 'any')
    throw new CliArgumentError('--min-stake', opts.minStake!, 'applies to --allow validators only')
  const axonOptions = {
    ip: opts.ip,
    port,
    ...(opts.externalIp !== undefined && { externalIp: opts.externalIp }),
    ...(externalPort !== undefined && { externalPort }),
    allowUnsigned: opts.allowUnsigned === true,
    prometheus: opts.prometheus ? {} : (false as const),
    trace: cli.options.verbose === true,
  }
  const forward = (synapse: Synapse) => {
    synapse.completion = solveTask(synapse.completion) ?? 'Unknown task type'
    return synapse
  }

  let axon: Axon
  let stopped: Promise<unknown>
  let stop: () => Promise<void>
  if (netuid !== undefined) {
    const { hetu: client, wallet } = await cli.session('hotkey')
    const miner = new Miner({
      client,
      netuid,
      wallet,
      register: opts.register === true,
      ...(stake !== undefined && { stake }),
      axon: axonOptions,
      endpointCheckIntervalMs,
      allow,
      ...(minStake !== undefined && { validators: { minStake } }),
      handleSignals: true,
    }).attach(forward)
    await cli.step(`starting the miner on subnet ${netuid}`, () => miner.start())
    axon = miner.axon
    stopped = miner.whenStopped()
    stop = () => miner.stop()
  } else {
    const walletName = await cli.optionalWalletName()
    let wallet: Wallet | undefined
    if (walletName) wallet = await cli.unlock(walletName)
    else cli.warn('no wallet selected: serving with a throwaway hotkey (pass --wallet)')
    cli.warn('--allow any: every signer reaches the handler (pass --netuid to admit only validators)')
    axon = new Axon({ ...axonOptions, ...(wallet && { wallet }) }).attach(forward)
    await cli.step('starting the axon', () => axon.start())
    stopped = new Promise((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    stop = () => axon.stop()
  }

  const info = axon.info()
  const shown = {
    hotkey: axon.hotkey,
    ip: info.ip,
    port: info.port,
    url: axon.url,
    netuid,
    allow,
    prometheusPort: axon.prometheusPort,
  }
  // One line in --json mode, so a supervisor can read it as soon as the axon serves.
  if (cli.json) process.stdout.write(`${JSON.stringify(shown)}\n`)
  else
    cli.result(shown, () =>
      formatFields([
        ['axon', axon.url],
        ['announced as', `${info.ip}:${info.port}`],
        ['hotkey', axon.hotkey],
        ['subnet', netuid ?? 'none (not on chain)'],
        ['callers', allow === 'any' ? 'any signer' : `validators of subnet ${netuid}`],
        ['metrics', axon.prometheusPort ? `http://${opts.ip}:${axon.prometheusPort}/metrics` : 'off'],
      ]),
    )
  cli.log(`serving; Ctrl-C or \`kill ${process.pid}\` stops it`)
  await stopped
  await cli.step('stopping', stop)
}

/** `--allow`: validators (default; needs a subnet to read them from) or any. */
function parseAllow(text: string, netuid: number | undefined): 'any' | 'validators' {
  if (text !== 'any' && text !== 'validators')
    throw new CliArgumentError('--allow', text, 'expected validators or any')
  if (text === 'validators' && netuid === undefined)
    throw new CliArgumentError(
      '--allow',
      text,
      'admitting only validators needs the subnet whose validators to admit',
      'Pass --netuid <n> to admit the registered validators of subnet n, or --allow any to admit every signer.',
    )
  return text
}
