import type { SwapDirection } from '../../../chain/types/amm.js'
import { CliArgumentError } from '../../runtime/errors.js'

/** `--sell hetu|alpha` → the SDK's swap direction, and the token names in and out. */
export function swapSide(sell: string): { direction: SwapDirection; tokenIn: string; tokenOut: string } {
  const side = sell.toLowerCase()
  if (side === 'hetu' || side === 'whetu')
    return { direction: 'hetuToAlpha', tokenIn: 'HETU', tokenOut: 'Alpha' }
  if (side === 'alpha') return { direction: 'alphaToHetu', tokenIn: 'Alpha', tokenOut: 'HETU' }
  throw new CliArgumentError('--sell', sell, 'expected hetu or alpha')
}
