import { readFile } from 'node:fs/promises'
import type { Address } from 'viem'
import { getAddress } from 'viem'
import { z } from 'zod'
import { HetuError } from '../../errors.js'
import { writeFileAtomic } from '../../util/writeFileAtomic.js'

/** What a validator keeps across restarts: its moving-average scores and when it last set weights. */
export interface ValidatorState {
  chainId: number
  netuid: number
  validator: Address
  scores: Record<Address, number>
  lastWeightsBlock: bigint | undefined
  steps: number
}

const VERSION = 1
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/)
const schema = z.object({
  version: z.literal(VERSION),
  chainId: z.number().int().positive(),
  netuid: z.number().int().min(0).max(0xffff),
  validator: address,
  scores: z.record(address, z.number().min(0).max(1)),
  lastWeightsBlock: z.string().regex(/^\d+$/).nullable(),
  steps: z.number().int().min(0),
  savedAt: z.string(),
})

/** The validator's state file cannot be used (unreadable, corrupt, or another validator's). */
export class ValidatorStateFileError extends HetuError {
  override name = 'ValidatorStateFileError'
  constructor(path: string, problem: string, cause?: unknown) {
    super('VALIDATOR_STATE_FILE', `Cannot use the validator state file ${path}: ${problem}.`, {
      hint: 'Point `stateFile` (CLI: --state) at this validator’s own file, or move the file away to start from no scores.',
      cause,
      meta: { path },
    })
  }
}

/** The saved state, or undefined when the file does not exist yet (a first start). */
export async function readValidatorState(
  path: string,
  expected: { chainId: number; netuid: number; validator: Address },
): Promise<ValidatorState | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new ValidatorStateFileError(path, (err as NodeJS.ErrnoException).code ?? String(err), err)
  }
  let parsed: z.infer<typeof schema>
  try {
    parsed = schema.parse(JSON.parse(text))
  } catch (err) {
    throw new ValidatorStateFileError(
      path,
      `not a version-${VERSION} validator state (${(err as Error).message.split('\n')[0]})`,
      err,
    )
  }
  const owner = getAddress(parsed.validator)
  for (const [what, saved, now] of [
    ['chain', parsed.chainId, expected.chainId],
    ['subnet', parsed.netuid, expected.netuid],
    ['validator', owner, getAddress(expected.validator)],
  ] as const)
    if (saved !== now) throw new ValidatorStateFileError(path, `it belongs to ${what} ${saved}, not ${now}`)
  return {
    chainId: parsed.chainId,
    netuid: parsed.netuid,
    validator: owner,
    scores: Object.fromEntries(Object.entries(parsed.scores).map(([a, s]) => [getAddress(a), s])),
    lastWeightsBlock: parsed.lastWeightsBlock === null ? undefined : BigInt(parsed.lastWeightsBlock),
    steps: parsed.steps,
  }
}

/** Saves atomically (temp file + rename): a crash mid-write leaves the previous state. */
export async function writeValidatorState(path: string, state: ValidatorState): Promise<void> {
  const json = {
    version: VERSION,
    chainId: state.chainId,
    netuid: state.netuid,
    validator: state.validator,
    scores: state.scores,
    lastWeightsBlock: state.lastWeightsBlock === undefined ? null : state.lastWeightsBlock.toString(),
    steps: state.steps,
    savedAt: new Date().toISOString(),
  } satisfies z.infer<typeof schema>
  await writeFileAtomic(path, `${JSON.stringify(json, null, 2)}\n`, 0o600)
}
