import { runCollaboration } from '../demo/collaboration.js'
import { formatEpoch, formatHeader, formatResult, resultJson } from '../demo/format.js'
import { CliArgumentError } from '../runtime/errors.js'

/**
 * `npm run demo`: the Python SDK's miner and validator collaboration on a localnet that plays the chain's
 * part. Tables per epoch on stdout (progress on stderr); with `--json`, one JSON object on stdout.
 */
export async function runDemo(opts: {
  json?: boolean
  epochs?: string
  rho?: string
  dashboard?: boolean
  port?: string
  db?: string
}): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const epochs = opts.epochs === undefined ? undefined : Number(opts.epochs)
  if (epochs !== undefined && (!Number.isInteger(epochs) || epochs < 1 || epochs > 100))
    throw new CliArgumentError('--epochs', String(opts.epochs), 'expected a whole number from 1 to 100')
  const rho = opts.rho === undefined ? undefined : Number(opts.rho)
  if (rho !== undefined && !(rho > 0 && rho <= 1))
    throw new CliArgumentError('--rho', String(opts.rho), 'expected a number above 0 and at most 1')
  const port = opts.port === undefined ? 0 : Number(opts.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliArgumentError('--port', String(opts.port), 'expected a whole number from 0 to 65535')
  // With the dashboard the demo goes on until Ctrl-C (or --epochs), so there is time to watch.
  const stop = new AbortController()
  const interrupt = () => {
    log('stopping after this epoch…')
    stop.abort()
  }
  if (opts.dashboard) {
    process.once('SIGINT', interrupt)
    process.once('SIGTERM', interrupt)
  }
  const result = await runCollaboration({
    ...(opts.dashboard && {
      dashboard: { port, ...(opts.db !== undefined && { db: opts.db }) },
      signal: stop.signal,
    }),
    onDashboard: ({ url, db }) => {
      const line = `Dashboard: ${url}  (history in ${db}; Ctrl-C stops the demo)`
      if (opts.json) log(line)
      else console.log(line)
    },
    ...(epochs !== undefined && { epochs }),
    ...(rho !== undefined && { rho }),
    log,
    onStart: opts.json ? undefined : (setup) => console.log(formatHeader(setup)),
    onEpoch: opts.json ? undefined : (epoch) => console.log(`\n${formatEpoch(epoch)}`),
  })
  process.off('SIGINT', interrupt)
  process.off('SIGTERM', interrupt)
  if (opts.json) process.stdout.write(`${JSON.stringify(resultJson(result))}\n`)
  else console.log(`\n${formatResult(result)}`)
}
