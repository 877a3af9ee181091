import { getPoolInfo } from '../../../chain/actions/amm/getPoolInfo.js'
import { hetu, price } from '../../runtime/format.js'
import { parseNetuid } from '../../runtime/parse.js'
import type { ReadCli } from '../../runtime/ReadCli.js'
import { formatFields } from '../../runtime/table.js'

/** `hetu amm pool <netuid>` */
export async function run(cli: ReadCli, netuidText: string): Promise<void> {
  const netuid = parseNetuid(netuidText)
  const client = await cli.reader()
  const pool = await getPoolInfo(client, { netuid })
  cli.result(pool, () =>
    formatFields([
      ['subnet', pool.netuid],
      ['pool', pool.pool],
      ['alpha token', pool.alphaToken],
      ['mechanism', pool.mechanism === 0 ? 'stable (1:1)' : 'dynamic (constant product)'],
      ['HETU reserve', hetu(pool.subnetHetu)],
      ['Alpha reserve', hetu(pool.subnetAlphaIn, 'Alpha')],
      ['Alpha outstanding', hetu(pool.subnetAlphaOut, 'Alpha')],
      ['spot price', `${price(pool.spotPrice)} HETU per Alpha`],
      ['cached price', price(pool.currentPrice)],
      ['moving price', price(pool.movingPrice)],
      ['volume', hetu(pool.totalVolume)],
      ['minimum liquidity', hetu(pool.minimumLiquidity)],
    ]),
  )
}
