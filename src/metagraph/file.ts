import { readFile } from 'node:fs/promises'
import type { Address } from 'viem'
import { z } from 'zod'
import { SUBNET_HYPERPARAM_KEYS, type SubnetHyperparams } from '../chain/types/subnet.js'
import { writeFileAtomic } from '../util/writeFileAtomic.js'
import { MetagraphFileError } from './errors.js'
import type { MetagraphState } from './types.js'

export const METAGRAPH_FILE_FORMAT = 'hetu-metagraph'
export const METAGRAPH_FILE_VERSION = 1

const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'expected a 0x address')
  .transform((a) => a as Address)
const wei = z
  .string()
  .regex(/^\d+$/, 'expected a decimal integer string')
  .transform((s) => BigInt(s))
const uint = z.number().int().nonnegative()

const BIGINT_PARAMS = new Set<keyof SubnetHyperparams>([
  'baseNeuronCost',
  'currentDifficulty',
  'weightsRateLimit',
  'commitRevealPeriod',
  'servingRateLimit',
  'validatorThreshold',
  'neuronThreshold',
])
const BOOLEAN_PARAMS = new Set<keyof SubnetHyperparams>(['registrationAllowed', 'commitRevealEnabled'])

const paramsSchema = z.object(
  Object.fromEntries(
    SUBNET_HYPERPARAM_KEYS.map((k) => [
      k,
      BIGINT_PARAMS.has(k) ? wei : BOOLEAN_PARAMS.has(k) ? z.boolean() : uint,
    ]),
  ),
) as unknown as z.ZodType<SubnetHyperparams>

const fileSchema = z.object({
  format: z.literal(METAGRAPH_FILE_FORMAT),
  version: z.literal(METAGRAPH_FILE_VERSION),
  netuid: uint,
  block: wei,
  chainId: uint,
  contracts: z.object({ NeuronManager: address, Weights: address.nullable(), alphaToken: address }),
  subnet: z.object({
    netuid: uint,
    owner: address,
    alphaToken: address,
    ammPool: address,
    lockedAmount: wei,
    poolInitialTao: wei,
    burnedAmount: wei,
    createdAt: wei,
    isActive: z.boolean(),
    name: z.string(),
    description: z.string(),
  }),
  params: paramsSchema,
  alphaSupply: wei,
  neurons: z.array(
    z.object({
      account: address,
      netuid: uint,
      isActive: z.boolean(),
      isValidator: z.boolean(),
      stake: wei,
      registrationBlock: wei,
      lastUpdate: wei,
      axonEndpoint: z.string(),
      axonPort: uint,
      prometheusEndpoint: z.string(),
      prometheusPort: uint,
      alphaBalance: wei,
    }),
  ),
  /** validator → [dest, weight][] */
  weights: z.record(z.string(), z.array(z.tuple([address, wei]))),
})

/** The JSON form of a metagraph (amounts as decimal strings), as `save()` writes it. */
export type MetagraphJson = z.input<typeof fileSchema>

/** State → plain JSON: bigints as decimal strings, weights in uid order of their validators. */
export function stateToJson(state: MetagraphState): MetagraphJson {
  const str = (v: unknown) => (typeof v === 'bigint' ? v.toString() : v)
  // The schema's input types are exactly these objects with bigints as strings.
  const strings = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, str(v)])) as never
  const weights: MetagraphJson['weights'] = {}
  for (const neuron of state.neurons) {
    const vector = state.weights.get(neuron.account.toLowerCase())
    if (vector)
      weights[neuron.account.toLowerCase()] = vector.map(({ dest, weight }) => [dest, weight.toString()])
  }
  return {
    format: METAGRAPH_FILE_FORMAT,
    version: METAGRAPH_FILE_VERSION,
    netuid: state.netuid,
    block: state.block.toString(),
    chainId: state.chainId,
    contracts: { ...state.contracts },
    subnet: strings(state.subnet),
    params: strings(state.params),
    alphaSupply: state.alphaSupply.toString(),
    neurons: state.neurons.map((neuron) => strings(neuron)),
    weights,
  }
}

/** Checked JSON → state; a {@link MetagraphFileError} naming the first bad field otherwise. */
export function stateFromJson(json: unknown, path: string): MetagraphState {
  const parsed = fileSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new MetagraphFileError(path, `${issue.path.join('.') || '(root)'}: ${issue.message}`)
  }
  const data = parsed.data
  return {
    netuid: data.netuid,
    block: data.block,
    chainId: data.chainId,
    contracts: data.contracts,
    subnet: data.subnet,
    params: data.params,
    alphaSupply: data.alphaSupply,
    neurons: data.neurons,
    weights: new Map(
      Object.entries(data.weights).map(([validator, vector]) => [
        validator.toLowerCase(),
        vector.map(([dest, weight]) => ({ dest, weight })),
      ]),
    ),
  }
}

/** Writes atomically (temp file + rename), so a reader never sees half a metagraph. */
export async function writeStateFile(path: string, state: MetagraphState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(stateToJson(state))}\n`)
}

export async function readStateFile(path: string): Promise<MetagraphState> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new MetagraphFileError(path, (err as NodeJS.ErrnoException).code ?? String(err), err)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new MetagraphFileError(path, `not JSON: ${(err as Error).message}`, err)
  }
  return stateFromJson(json, path)
}
