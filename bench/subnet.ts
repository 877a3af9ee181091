// The set-up the neuron and chain benches share: a localnet with one active subnet (the test fixture,
// test/fixtures/localnet.ts), and compute axons (the Python SDK README's "add a b") registered on it as
// miners.
import { generatePrivateKey } from 'viem/accounts'
import type { AxonTarget } from '../src/dendrite/index.js'
import {
  Axon,
  createLogger,
  type Dendrite,
  type HetuClient,
  Synapse,
  Validator,
  type ValidatorStepReport,
} from '../src/index.js'
import { compute, type LocalSubnet, registerMiners, startSubnet } from '../test/fixtures/localnet.js'

/** `client` signs as dev account 0, which deployed the contracts and owns the subnet. */
export type BenchSubnet = LocalSubnet

export function benchSubnet(): Promise<BenchSubnet> {
  return startSubnet({ subnet: { name: 'bench', tokenName: 'B' } })
}

/** `count` compute axons (one silent logger), registered as miners of the subnet. */
export async function computeMiners(subnet: BenchSubnet, count: number): Promise<Axon[]> {
  const logger = createLogger({ level: 'silent' })
  const axons = await Promise.all(
    Array.from({ length: count }, () =>
      new Axon({ hotkey: generatePrivateKey(), ip: '127.0.0.1', port: 0, prometheus: false, logger })
        .attach((synapse) => ({ completion: compute(synapse.completion) }))
        .start(),
    ),
  )
  await registerMiners(
    subnet.net,
    subnet.netuid,
    axons.map((axon) => ({ address: axon.hotkey as `0x${string}`, ip: '127.0.0.1', port: axon.port })),
  )
  return axons
}

/** The request the step benches send: the Python SDK README's "add a b". */
export const addRequest = () => new Synapse({ completion: 'add 15 25' })

/** How the step benches query the miners. */
export interface FanOutOptions {
  timeoutMs: number
  concurrency: number
}

/**
 * The validator the step benches run, started: dev account 1, every one of `miners` selected, weights
 * set at every step (weightsRateLimit 0, so the figure includes the transaction).
 */
export function stepValidator(
  subnet: BenchSubnet,
  client: HetuClient,
  miners: number,
  { timeoutMs, concurrency }: FanOutOptions,
) {
  return new Validator({
    client,
    netuid: subnet.netuid,
    hotkey: subnet.net.accounts[1]!.privateKey,
    task: addRequest,
    query: { timeoutMs, concurrency },
    selection: { sampleSize: miners },
    weightsRateLimit: 0,
  }).start()
}

/** One step that queried all `miners`, reached consensus and set weights; throws otherwise. */
export async function fullStep(
  validator: Awaited<ReturnType<typeof stepValidator>>,
  miners: number,
): Promise<ValidatorStepReport> {
  const result = await validator.step()
  if (result.selected.length !== miners || !result.aggregation.reached || !result.weightsSet)
    throw new Error(
      `step ${result.step}: ${result.selected.length} selected, consensus ${result.aggregation.outcome}, weights ${result.weightsSkipped ?? 'set'}`,
    )
  return result
}

/** The bare fan-out of {@link addRequest} to every target; throws unless all answer. */
export async function fanOut(
  dendrite: Dendrite,
  targets: readonly AxonTarget[],
  { timeoutMs, concurrency }: FanOutOptions,
): Promise<void> {
  const answers = await dendrite.query(targets, addRequest(), { timeout: timeoutMs, concurrency })
  const ok = answers.filter((a) => a.isSuccess).length
  if (ok !== targets.length) throw new Error(`fan-out: ${ok} of ${targets.length} answered`)
}
