// Finding running `hetu localnet`s through their info files; reading them and deciding liveness are the SDK's
// (src/chain/networks/localnetInfo.ts), so the CLI and `HetuSubnet.connect` agree on what runs.
import {
  type LocalnetInfoFile,
  listLocalnetInfoFiles,
  localnetInfoDir,
  probeLocalnet,
} from '../../chain/networks/localnetInfo.js'

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

/**
 * The info files in the localnet dir (`HETU_LOCALNET_DIR` or the temp dir; only `rpcUrl`'s port when
 * given), each probed: those whose localnet answers, and the stale rest.
 */
export async function findLocalnets(
  env: NodeJS.ProcessEnv,
  rpcUrl?: string,
): Promise<{ running: RunningLocalnet[]; stale: LocalnetInfoFile[] }> {
  const files = listLocalnetInfoFiles(localnetInfoDir(env)).filter(
    (f) => rpcUrl === undefined || portOf(f.rpcUrl) === portOf(rpcUrl),
  )
  const probes = await Promise.all(files.map((f) => probeLocalnet(f)))
  return {
    running: files.flatMap((f, i) => (probes[i]!.alive ? [{ ...f, block: probes[i]!.block }] : [])),
    stale: files.filter((_, i) => !probes[i]!.alive),
  }
}
