// Local computation (the Python SDK README's test_local_computation): a miner's Axon serves "add a b", a
// Dendrite asks it "add 15 25". No chain involved.
//
//   npx tsx examples/local-computation.ts
import { Axon, Dendrite, Synapse } from 'hetu-subnet'
import type { ExampleOptions } from './lib/network.js'
import { runIfMain } from './lib/run.js'

export async function main({ log = console.log }: ExampleOptions = {}) {
  // 1. Start the compute service (Axon). Port 0 = any free port (the Python SDK's README uses 8091).
  await using axon = new Axon({ ip: '127.0.0.1', port: 0, prometheus: false })
  axon.attach((synapse) => {
    const parts = synapse.completion.split(' ')
    if (parts.length === 3 && parts[0] === 'add') {
      const [a, b] = [Number(parts[1]), Number(parts[2])]
      synapse.completion = `Result: ${a} + ${b} = ${a + b}`
    }
    return synapse
  })
  // 2. No sleep needed: start() resolves once the port is bound.
  await axon.start()
  log(`axon ${axon.hotkey} serving on ${axon.url}`)

  // 3. Create the client (Dendrite); it signs each request with its own (here random) hotkey.
  await using dendrite = new Dendrite()

  // 4-5. Send the compute request and wait for the answer.
  const synapse = new Synapse({ completion: 'add 15 25' })
  const response = await dendrite.query(axon, synapse, { timeout: 10_000 })
  log(`Compute result: ${response.completion} (status ${response.statusCode})`)

  // 6. Cleanup: `await using` stops the axon and closes the dendrite when main() returns.
  return {
    completion: response.completion,
    statusCode: response.statusCode,
    answeredBy: response.axon.hotkey,
    axonHotkey: axon.hotkey,
  }
}

runIfMain(import.meta.url, main)
