import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { hetu } from '../../runtime/format.js'
import { parseAmount, parseNetuid, parsePort } from '../../runtime/parse.js'
import { formatFields } from '../../runtime/table.js'

interface RegisterOptions {
  role: string
  validator?: boolean
  stake?: string
  axonEndpoint?: string
  axonPort?: string
  prometheusEndpoint: string
  prometheusPort: string
}

/**
 * `hetu neuron register <netuid>`: the hotkey registers and its own stake is allocated (the contract
 * allocates the stake of the sender), so the hotkey stakes here too; the SDK wraps, approves and
 * stakes what is missing first.
 */
export async function run(cli: Cli, netuidText: string, opts: RegisterOptions): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const role = opts.validator ? 'validator' : opts.role
  if (role !== 'miner' && role !== 'validator')
    throw new CliArgumentError('--role', role, 'expected miner or validator')
  const stake = opts.stake === undefined ? undefined : parseAmount(opts.stake, 'stake')
  // A miner announces where its axon answers; a validator serves none unless told otherwise, so the
  // metagraph does not list a miner's default endpoint for it.
  const serves = role === 'miner' || opts.axonEndpoint !== undefined || opts.axonPort !== undefined
  const axonEndpoint = opts.axonEndpoint ?? (serves ? '127.0.0.1' : '')
  const axonPort = serves ? parsePort(opts.axonPort ?? '8091', 'axon port') : 0
  const prometheusPort = parsePort(opts.prometheusPort, 'prometheus port', 0)
  const client = await cli.signer('hotkey')
  const done = await cli.step(
    `registering ${client.address} as a ${role} on subnet ${netuid}`,
    () =>
      client.registerNeuron({
        netuid,
        isValidatorRole: role === 'validator',
        axonEndpoint,
        axonPort,
        prometheusEndpoint: opts.prometheusEndpoint,
        prometheusPort,
        ...(stake !== undefined && { stake }),
      }),
    (r) => (r.prerequisites.length ? `after ${r.prerequisites.map((p) => p.step).join(', ')}` : 'done'),
  )
  cli.result(done, () =>
    formatFields([
      ['neuron', done.account],
      ['subnet', done.netuid],
      ['role', done.isValidator ? 'validator' : 'miner'],
      ['stake', hetu(done.stake)],
      ['fee', hetu(done.fee)],
      ['axon', serves ? `${axonEndpoint}:${axonPort}` : 'none (a validator; --axon-port to announce one)'],
      ['tx', done.hash],
    ]),
  )
}
