import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startLocalnet } from '../../localnet/localnet.js'

interface LocalnetCliOptions {
  port: string
  host: string
  blockTime?: string
  infoFile?: string
}

/** `hetu localnet`: runs until Ctrl-C/SIGTERM, then stops anvil and removes its state. */
export async function runLocalnet(opts: LocalnetCliOptions): Promise<void> {
  const port = Number(opts.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got "${opts.port}"`)
  const started = Date.now()
  const net = await startLocalnet({
    port,
    host: opts.host,
    ...(opts.blockTime !== undefined && { blockTime: Number(opts.blockTime) }),
  })
  const info = net.toJSON()
  const infoFile = opts.infoFile ?? join(tmpdir(), `hetu-localnet-${new URL(info.rpcUrl).port}.json`)
  // The pid lets `hetu localnet stop` find the process to signal.
  writeFileSync(infoFile, `${JSON.stringify({ ...info, pid: process.pid }, null, 2)}\n`)
  process.stderr.write(
    `localnet ready in ${Date.now() - started} ms at ${info.rpcUrl} (chain id ${info.chainId})\n`,
  )
  process.stderr.write(`info written to ${infoFile}\n`)
  process.stdout.write(`${JSON.stringify(info)}\n`)

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      process.stderr.write(`${signal}: stopping localnet\n`)
      rmSync(infoFile, { force: true })
      net.stop().then(resolve, resolve)
    }
    process.once('SIGINT', () => shutdown('SIGINT'))
    process.once('SIGTERM', () => shutdown('SIGTERM'))
  })
}
