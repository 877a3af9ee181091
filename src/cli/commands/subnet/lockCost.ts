import { getCurrentBlock } from '../../../chain/actions/block/getCurrentBlock.js'
import { getNetworkLockCost } from '../../../chain/actions/subnet/getNetworkLockCost.js'
import { getNetworkParams } from '../../../chain/actions/subnet/getNetworkParams.js'
import { count, hetu } from '../../runtime/format.js'
import type { ReadCli } from '../../runtime/ReadCli.js'
import { formatFields } from '../../runtime/table.js'

/** `hetu subnet lock-cost` */
export async function run(cli: ReadCli): Promise<void> {
  const client = await cli.reader()
  const [lockCost, params, block] = await Promise.all([
    getNetworkLockCost(client),
    getNetworkParams(client),
    getCurrentBlock(client),
  ])
  const nextAllowedBlock = params.lastLockBlock + params.rateLimit
  cli.result({ lockCost, block, nextAllowedBlock, ...params }, () =>
    formatFields([
      ['lock cost', hetu(lockCost, 'WHETU')],
      ['minimum lock', hetu(params.minLock, 'WHETU')],
      ['last lock', `${hetu(params.lastLock, 'WHETU')} at block ${params.lastLockBlock}`],
      [
        'rate limit',
        `${count(params.rateLimit, 'block')} (next registration from block ${nextAllowedBlock}; now ${block})`,
      ],
      ['reduction interval', count(params.reductionInterval, 'block')],
      ['subnets', params.totalNetworks],
      ['next netuid', params.nextNetuid],
    ]),
  )
}
