// Finding running `hetu localnet`s through their info files; reading them and deciding liveness are the SDK's
// (src/chain/networks/localnetInfo.ts), so the CLI and `HetuSubnet.connect` agree on what runs.
import {
  askChain,
  type LocalnetInfoFile,
  listLocalnetInfoFiles,
  localnetInfoDir,
  probeLocalnet,
  processExists,
} from '../../chain/networks/localnetInfo.js'
import { isAnvilOnPort } from '../../localnet/processes.js'

/** The port of an RPC URL ('' when it has none). */
export function portOf(rpcUrl: string): string {
  try {
    const url = new URL(rpcUrl)
    return url.port || (url.protocol === 'https:' ? '443' : '80')
  } catch {
    return ''
  }
}

export function isLoopback(rpcUrl: string): boolean {
  try {
    const host = new URL(rpcUrl).hostname
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '0.0.0.0'
  } catch {
    return false
  }
}

/** An info file whose localnet answered, with the head it reported. */
export interface RunningLocalnet extends LocalnetInfoFile {
  block: number | undefined
}

/** An info file whose `hetu localnet` is gone but whose anvil still serves the recorded chain. */
export interface OrphanLocalnet extends RunningLocalnet {
  anvil: { pid: number; home: string | undefined }
}

/**
 * The info files in the localnet dir (`HETU_LOCALNET_DIR` or the temp dir; only `rpcUrl`'s port when
 * given), each probed: those whose localnet answers, orphans (see {@link orphanOf}), and the stale rest.
 */
export async function findLocalnets(
  env: NodeJS.ProcessEnv,
  rpcUrl?: string,
): Promise<{ running: RunningLocalnet[]; orphans: OrphanLocalnet[]; stale: LocalnetInfoFile[] }> {
  const files = listLocalnetInfoFiles(localnetInfoDir(env)).filter(
    (f) => rpcUrl === undefined || portOf(f.rpcUrl) === portOf(rpcUrl),
  )
  const probes = await Promise.all(
    files.map(async (f) => {
      const probe = await probeLocalnet(f)
      return { ...probe, orphan: probe.alive ? undefined : await orphanOf(f) }
    }),
  )
  return {
    running: files.flatMap((f, i) => (probes[i]!.alive ? [{ ...f, block: probes[i]!.block }] : [])),
    orphans: probes.flatMap((p) => (p.orphan ? [p.orphan] : [])),
    stale: files.filter((_, i) => !probes[i]!.alive && !probes[i]!.orphan),
  }
}

/**
 * The file as an orphan when its `hetu localnet` process is gone (killed before it could stop anvil,
 * e.g. by SIGKILL with its watchdog gone too) while the recorded anvil pid is still an anvil on the
 * recorded port, answering with the recorded chain id. Both checks, so a reused pid is never taken.
 */
async function orphanOf(file: LocalnetInfoFile): Promise<OrphanLocalnet | undefined> {
  const anvil = file.anvil
  if (file.pid === undefined || processExists(file.pid) || !anvil) return undefined
  if (!isAnvilOnPort(anvil.pid, Number(portOf(file.rpcUrl)))) return undefined
  const { chainId, block } = await askChain(file.rpcUrl, 2_000)
  return chainId === file.chainId ? { ...file, anvil, block } : undefined
}
