import { readFile } from 'node:fs/promises'
import { SUBNET_HYPERPARAM_KEYS, type SubnetHyperparams } from '../../../chain/types/subnet.js'
import { CliArgumentError } from '../../runtime/errors.js'
import { hetu } from '../../runtime/format.js'
import { parseAmount, parseBoolean, parseInteger } from '../../runtime/parse.js'

type Key = (typeof SUBNET_HYPERPARAM_KEYS)[number]

/** Fields holding HETU amounts: typed like any amount (`100`, `100hetu`, `1000wei`). */
const AMOUNT_KEYS = new Set<Key>(['baseNeuronCost', 'validatorThreshold', 'neuronThreshold'])
const BIGINT_KEYS = new Set<Key>([
  'currentDifficulty',
  'weightsRateLimit',
  'commitRevealPeriod',
  'servingRateLimit',
])
const BOOLEAN_KEYS = new Set<Key>(['registrationAllowed', 'commitRevealEnabled'])
const BY_LOOSE_NAME = new Map(SUBNET_HYPERPARAM_KEYS.map((key) => [loose(key), key]))

/** Hyperparameters from `--set key=value…` and `--params-file`, typed and range-checked per field. */
export async function readHyperparams(
  set: readonly string[] | undefined,
  file: string | undefined,
): Promise<Partial<SubnetHyperparams>> {
  const entries: [string, string][] = []
  if (file !== undefined) {
    let json: unknown
    try {
      json = JSON.parse(await readFile(file, 'utf8'))
    } catch (err) {
      throw new CliArgumentError('--params-file', file, (err as Error).message.split('\n')[0]!)
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new CliArgumentError('--params-file', file, 'expected a JSON object of hyperparameters')
    for (const [key, value] of Object.entries(json)) entries.push([key, String(value)])
  }
  for (const pair of set ?? []) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new CliArgumentError('--set', pair, 'expected key=value, e.g. tempo=99')
    entries.push([pair.slice(0, at), pair.slice(at + 1)])
  }
  const params: Record<string, unknown> = {}
  for (const [name, value] of entries) {
    const key = BY_LOOSE_NAME.get(loose(name))
    if (!key)
      throw new CliArgumentError(
        'hyperparameter',
        name,
        'unknown',
        `Known: ${SUBNET_HYPERPARAM_KEYS.join(', ')}.`,
      )
    params[key] = AMOUNT_KEYS.has(key)
      ? parseAmount(value, key, { allowZero: true })
      : BIGINT_KEYS.has(key)
        ? BigInt(parseInteger(value, key))
        : BOOLEAN_KEYS.has(key)
          ? parseBoolean(value, key)
          : parseInteger(value, key, 0, 2 ** 32 - 1)
  }
  return params as Partial<SubnetHyperparams>
}

/** One row per hyperparameter, amounts in HETU. */
export function hyperparamRows(params: SubnetHyperparams): [string, string][] {
  return SUBNET_HYPERPARAM_KEYS.map((key) => {
    const value = params[key]
    return [key, AMOUNT_KEYS.has(key) ? hetu(value as bigint) : String(value)]
  })
}

// tempo, Tempo, immunity_period, immunity-period and immunityPeriod all name the same field.
function loose(name: string): string {
  return name.replace(/[-_]/g, '').toLowerCase()
}
