import type { Cli } from '../../runtime/Cli.js'
import { parseInteger } from '../../runtime/parse.js'

/** --scrypt-n, else HETU_SCRYPT_N (tests and CI), else the keystore default (262144). */
export function scryptCost(cli: Cli, option: string | undefined): number | undefined {
  const value = option ?? cli.env.HETU_SCRYPT_N
  if (value === undefined) return undefined
  const n = parseInteger(value, 'scrypt n', 2, 2 ** 24)
  if (n < 262_144 && option === undefined)
    cli.warn(`HETU_SCRYPT_N=${n}: weaker than the default 262144; use it for tests only`)
  return n
}
