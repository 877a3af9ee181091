// The Python SDK's miner task (miner_execute_task): "add a b" and "multiply a b" on the default Synapse.
import { ForwardError, type HetuSubnet, Miner, type Synapse } from 'hetu-subnet'
import type { Hex } from 'viem'

/** Answers "add 15 25" with "Result: 15 + 25 = 40"; an unknown task is the caller's mistake (400). */
export function computeService(synapse: Synapse): Synapse {
  const [op, a, b, ...rest] = synapse.completion.trim().split(/\s+/)
  const x = Number(a)
  const y = Number(b)
  if (rest.length > 0 || !Number.isFinite(x) || !Number.isFinite(y))
    throw new ForwardError(400, `expected "<add|multiply> <a> <b>", got "${synapse.completion}"`)
  if (op === 'add') synapse.completion = `Result: ${x} + ${y} = ${x + y}`
  else if (op === 'multiply') synapse.completion = `Result: ${x} * ${y} = ${x * y}`
  else throw new ForwardError(400, `unknown task type "${op}"`)
  return synapse
}

/**
 * Starts one compute Miner per hotkey on `netuid` (each registers itself, staking the threshold);
 * the ones in `wrong` append `suffix` to every answer, to show consensus leaving them out.
 */
export function startComputeMiners(
  client: HetuSubnet,
  netuid: number,
  hotkeys: readonly Hex[],
  { wrong = [], suffix = '0' }: { wrong?: readonly Hex[]; suffix?: string } = {},
): Promise<Miner[]> {
  return Promise.all(
    hotkeys.map((hotkey) =>
      new Miner({ client, netuid, hotkey, axon: { ip: '127.0.0.1', port: 0, prometheus: false } })
        .attach((synapse) => {
          computeService(synapse)
          if (wrong.includes(hotkey)) synapse.completion += suffix
          return synapse
        })
        .start(),
    ),
  )
}
