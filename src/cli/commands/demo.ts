import { runCollaboration } from '../demo/collaboration.js'
import { formatEpoch, formatHeader, formatResult, resultJson } from '../demo/format.js'

/**
 * `npm run demo`: the Python SDK's miner and validator collaboration on a localnet that plays the chain's
 * part. Tables per epoch on stdout (progress on stderr); with `--json`, one JSON object on stdout.
 */
export async function runDemo(opts: { json?: boolean; epochs?: string; rho?: string }): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const epochs = opts.epochs === undefined ? undefined : Number(opts.epochs)
  if (epochs !== undefined && (!Number.isInteger(epochs) || epochs < 1 || epochs > 100))
    throw new Error(`--epochs must be an integer from 1 to 100 (got ${opts.epochs})`)
  const rho = opts.rho === undefined ? undefined : Number(opts.rho)
  if (rho !== undefined && !(rho > 0 && rho <= 1))
    throw new Error(`--rho must be a number in (0, 1] (got ${opts.rho})`)
  const result = await runCollaboration({
    ...(epochs !== undefined && { epochs }),
    ...(rho !== undefined && { rho }),
    log,
    onStart: opts.json ? undefined : (setup) => console.log(formatHeader(setup)),
    onEpoch: opts.json ? undefined : (epoch) => console.log(`\n${formatEpoch(epoch)}`),
  })
  if (opts.json) process.stdout.write(`${JSON.stringify(resultJson(result))}\n`)
  else console.log(`\n${formatResult(result)}`)
}
