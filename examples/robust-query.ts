// Robust query with retries (the Python SDK README's robust_query): a miner's axon that is busy for its first
// attempts, queried with bounded retries and exponential backoff. Only failures a retry can fix
// (408, 429, 502, 503, 504) are retried; a bad request is answered once.
//
//   npx tsx examples/robust-query.ts
import { Axon, Dendrite, ForwardError, Synapse } from 'hetu-subnet'
import { computeService } from './lib/compute.js'
import type { ExampleOptions } from './lib/network.js'
import { runIfMain } from './lib/run.js'

export async function main({ log = console.log }: ExampleOptions = {}) {
  // The axon refuses a task with 503 ("busy") the first `busyFor` times it sees it.
  const attempts = new Map<string, number>()
  const busyFor = (task: string) => (task.startsWith('add') ? 2 : task.startsWith('multiply') ? 10 : 0)
  const started = performance.now()
  await using axon = new Axon({ ip: '127.0.0.1', port: 0, prometheus: false })
  axon.attach((synapse) => {
    const n = (attempts.get(synapse.completion) ?? 0) + 1
    attempts.set(synapse.completion, n)
    const busy = n <= busyFor(synapse.completion)
    log(
      `  axon: "${synapse.completion}" attempt ${n} at ${Math.round(performance.now() - started)} ms${busy ? ' → 503 busy' : ''}`,
    )
    if (busy) throw new ForwardError(503, 'busy, try again')
    return computeService(synapse)
  })
  await axon.start()
  await using dendrite = new Dendrite()
  const retry = { attempts: 3, backoffMs: 200, timeout: 5_000 } // waits ~200 ms, then ~400 ms

  // 1. Busy twice, then answers: the third attempt succeeds.
  log('add 15 25 (busy twice):')
  const recovered = await dendrite.robustQuery(axon, new Synapse({ completion: 'add 15 25' }), retry)
  log(`→ ${recovered.statusCode} ${recovered.completion}`)

  // 2. Busy for longer than we retry: the last answer comes back, no exception.
  log('multiply 6 7 (busy ten times):')
  const gaveUp = await dendrite.robustQuery(axon, new Synapse({ completion: 'multiply 6 7' }), retry)
  log(`→ ${gaveUp.statusCode} ${gaveUp.statusMessage}`)

  // 3. A bad request is not retried: another attempt would get the same answer.
  log('divide 1 0 (not a task this miner knows):')
  const refused = await dendrite.robustQuery(axon, new Synapse({ completion: 'divide 1 0' }), retry)
  log(`→ ${refused.statusCode} ${refused.statusMessage}`)

  const summary = (s: Synapse, task: string) => ({
    status: s.statusCode,
    completion: s.isSuccess ? s.completion : undefined,
    attempts: attempts.get(task),
  })
  return {
    recovered: summary(recovered, 'add 15 25'),
    gaveUp: summary(gaveUp, 'multiply 6 7'),
    notRetried: summary(refused, 'divide 1 0'),
  }
}

runIfMain(import.meta.url, main)
