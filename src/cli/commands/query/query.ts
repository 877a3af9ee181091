import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { z } from 'zod'
import { defineSynapse, Synapse, type SynapseBase } from '../../../protocol/synapse.js'
import { type AskSubnetResult, askSubnet, findGateways, NoGatewayError } from '../../../sdk/index.js'
import type { Cli } from '../../runtime/Cli.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { count } from '../../runtime/format.js'
import { parseDuration, parseInteger, parseNetuid } from '../../runtime/parse.js'

interface QueryOptions {
  synapse: string
  timeout: string
  attempts: string
}

/** Exit code when the subnet answered but its miners did not agree (no answer to print). */
export const NO_CONSENSUS_EXIT = 3

/**
 * `hetu query <netuid> <task>`: a client's request through a validator gateway. Finds the subnet's
 * validators serving the synapse, asks the best one (failing over to the next), and prints the
 * consensus answer with its agreement. Signs with the hotkey of --wallet / $HETU_WALLET when given (a
 * gateway may admit listed clients only), else with a fresh key.
 */
export async function run(cli: Cli, netuidText: string, task: string, opts: QueryOptions): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const timeoutMs = parseDuration(opts.timeout, 'timeout')
  const attempts = parseInteger(opts.attempts, 'attempts')
  if (timeoutMs <= 0) throw new CliArgumentError('timeout', opts.timeout, 'must be more than 0')
  if (attempts < 1) throw new CliArgumentError('attempts', opts.attempts, 'must be at least 1')
  const name = opts.synapse
  const hetu = await cli.connect()
  const gateways = await findGateways(hetu.client, { netuid, synapseName: name })
  if (gateways.length === 0) throw new NoGatewayError({ netuid, synapse: name })
  const synapse =
    name === 'Synapse'
      ? new Synapse({ completion: task })
      : customSynapse(name, task, gateways[0]?.synapse.request)
  // Only a wallet asked for by name signs (a password prompt is no price for an anonymous question).
  const walletName = cli.options.wallet ?? cli.env.HETU_WALLET
  const hotkey = walletName
    ? (await cli.unlock(walletName)).hotkey
    : privateKeyToAccount(generatePrivateKey())
  const result = await cli.step(
    `asking subnet ${netuid} (${gateways.length} validator${gateways.length === 1 ? '' : 's'} serving ${name})`,
    () => askSubnet(hetu.client, { netuid, synapse, hotkey, timeoutMs, attempts, gateways }),
  )
  print(cli, result)
}

function print(cli: Cli, result: AskSubnetResult): void {
  const validator = { hotkey: result.validator.hotkey, endpoint: result.validator.axon.endpoint }
  if (result.status === 'no-consensus') {
    cli.result(
      { status: result.status, message: result.message, validator, attempts: result.attempts },
      () => result.message,
    )
    process.exitCode = NO_CONSENSUS_EXIT
    return
  }
  const { consensus } = result
  const answer = result.answer.responseValues()
  const summary = {
    answer: Object.keys(answer).length === 1 && 'completion' in answer ? answer.completion : answer,
    agreement: consensus.agreement,
    asked: consensus.asked,
    answered: consensus.answered,
    agreeing: consensus.agreeing,
    latencyMs: consensus.latencyMs,
    validator,
    attempts: result.attempts,
  }
  cli.result(summary, () => {
    const text = typeof summary.answer === 'string' ? summary.answer : JSON.stringify(summary.answer, null, 2)
    const share = `${Math.round(consensus.agreement * 100)}%`
    return `${text}\nconsensus: ${share} agreement (${consensus.agreeing.length} of ${consensus.answered.length} answers, ${count(consensus.asked.length, 'miner')} asked) in ${consensus.latencyMs} ms via validator ${validator.hotkey} at ${validator.endpoint}`
  })
}

/**
 * A synapse type known only by name: the task is its request as a JSON object, or, when the
 * gateway's `GET /` shows one string request field, that field's value.
 */
function customSynapse(name: string, task: string, requestSchema: unknown): SynapseBase {
  let fields: Record<string, unknown>
  if (task.trim().startsWith('{')) {
    try {
      fields = JSON.parse(task) as Record<string, unknown>
    } catch {
      throw new CliArgumentError('<task>', task, `for ${name}: not valid JSON`)
    }
  } else {
    const properties = Object.entries(
      (requestSchema as { properties?: Record<string, { type?: string }> } | undefined)?.properties ?? {},
    ).filter(([, p]) => p.type === 'string')
    if (properties.length !== 1)
      throw new CliArgumentError('<task>', task, `for ${name}: give the request fields as a JSON object`)
    fields = { [properties[0]![0]]: task }
  }
  const request = z.object(Object.fromEntries(Object.keys(fields).map((k) => [k, z.unknown()])))
  const Custom = defineSynapse({ name, request, response: z.looseObject({}) })
  return new Custom(fields as never)
}
