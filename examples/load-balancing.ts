// Load balancing (the Python SDK README's "multiple Axon instances"): one miner runs three axons with the
// same hotkey; the client spreads requests over them round-robin and fails over when one goes down.
//
//   npx tsx examples/load-balancing.ts
import { Axon, type AxonTarget, Dendrite, isTransientFailure, Synapse } from 'hetu-subnet'
import { generatePrivateKey } from 'viem/accounts'
import { computeService } from './lib/compute.js'
import type { ExampleOptions } from './lib/network.js'
import { runIfMain } from './lib/run.js'

/** Round-robin over axons; a transient failure (down, overloaded, timed out) moves on to the next one. */
class RoundRobin {
  #next = 0
  constructor(
    private readonly dendrite: Dendrite,
    private readonly axons: readonly AxonTarget[],
  ) {}

  async send(synapse: Synapse): Promise<Synapse> {
    // Each request starts at the next axon in turn and tries every other one at most once.
    const start = this.#next++
    let answer: Synapse | undefined
    for (let tried = 0; tried < this.axons.length; tried++) {
      const axon = this.axons[(start + tried) % this.axons.length]!
      answer = await this.dendrite.query(axon, synapse, { timeout: 5_000 })
      if (!isTransientFailure(answer)) return answer
    }
    return answer!
  }
}

export async function main({ log = console.log }: ExampleOptions = {}) {
  // Three axons of one miner (one hotkey), each counting what it serves. Ports: any free ones (the
  // seed uses 8091, 8092, 8093).
  const hotkey = generatePrivateKey()
  const served = [0, 0, 0]
  const axons = served.map((_, i) =>
    new Axon({ hotkey, ip: '127.0.0.1', port: 0, prometheus: false }).attach((synapse) => {
      served[i]!++
      return computeService(synapse)
    }),
  )
  await Promise.all(axons.map((axon) => axon.start()))
  try {
    log(`axons: ${axons.map((a) => a.url).join(', ')}`)
    await using dendrite = new Dendrite()
    const balancer = new RoundRobin(dendrite, axons)

    // 1. Thirty tasks at once: ten per axon.
    const tasks = Array.from({ length: 30 }, (_, i) => new Synapse({ completion: `add ${i} ${i}` }))
    const first = await Promise.all(tasks.map((task) => balancer.send(task)))
    const perAxon = [...served]
    log(`30 tasks → served per axon: ${perAxon.join(' / ')}; all ok: ${first.every((a) => a.isSuccess)}`)

    // 2. One axon goes down; the same thirty tasks still all succeed on the other two.
    await axons[1]!.stop()
    const second = await Promise.all(tasks.map((task) => balancer.send(task)))
    const afterFailover = served.map((n, i) => n - perAxon[i]!)
    log(
      `axon 2 down → served per axon: ${afterFailover.join(' / ')}; all ok: ${second.every((a) => a.isSuccess)}`,
    )

    return {
      perAxon,
      afterFailover,
      allSucceeded: [...first, ...second].every((a) => a.isSuccess),
      sample: first[29]!.completion,
    }
  } finally {
    await Promise.all(axons.map((axon) => axon.stop()))
  }
}

runIfMain(import.meta.url, main)
