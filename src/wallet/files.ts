import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** Owner-only permissions: keystores are encrypted, but their offline brute force starts with a copy. */
export const FILE_MODE = 0o600
export const DIR_MODE = 0o700

/** True when a fs error is "no such file or directory". */
export function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
}

/**
 * Creates `<parent>/<name>/` holding `files` all at once: they are written into a hidden staging directory
 * that is renamed into place, so a crash or a concurrent writer never leaves a wallet with one key file.
 * With `replace`, an existing directory is swapped out and deleted after the new one is in place.
 *
 * @returns false when the target exists and `replace` is not set (nothing is written then).
 */
export async function installDirectory(
  parent: string,
  name: string,
  files: Record<string, string>,
  { replace = false }: { replace?: boolean } = {},
): Promise<boolean> {
  await mkdir(parent, { recursive: true, mode: DIR_MODE })
  const suffix = randomBytes(6).toString('hex')
  const staging = join(parent, `.${name}.${suffix}.tmp`)
  const target = join(parent, name)
  let retired: string | undefined
  try {
    await mkdir(staging, { mode: DIR_MODE })
    for (const [file, data] of Object.entries(files)) await writeDurable(join(staging, file), data)
    await syncDirectory(staging)
    if (replace) {
      retired = join(parent, `.${name}.${suffix}.old`)
      try {
        await rename(target, retired)
      } catch (err) {
        if (!isNotFound(err)) throw err
        retired = undefined
      }
    }
    try {
      // rename(2) onto a non-empty directory fails (ENOTEMPTY/EEXIST): the existence check and the
      // write are one step, so two concurrent creates of one name cannot both win.
      await rename(staging, target)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'ENOTEMPTY' || code === 'EEXIST') {
        if (retired) await rename(retired, target).catch(() => {})
        return false
      }
      throw err
    }
    await syncDirectory(parent)
    if (retired) await rm(retired, { recursive: true, force: true })
    return true
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

async function writeDurable(path: string, data: string): Promise<void> {
  const handle = await open(path, 'wx', FILE_MODE)
  try {
    await handle.writeFile(data, 'utf8')
    // The mode given to open() is filtered by the umask; set it explicitly.
    await handle.chmod(FILE_MODE)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function syncDirectory(path: string): Promise<void> {
  // Makes the rename itself durable. Not supported on every platform (e.g. Windows): best effort.
  try {
    const handle = await open(path, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {}
}
