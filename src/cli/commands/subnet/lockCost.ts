import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { formatFields } from '../../runtime/table.js'

/** `hetu subnet lock-cost` */
export async function run(cli: Cli): Promise<void> {
  const client = await cli.connect()
  const [lockCost, params, block] = await Promise.all([
    client.getNetworkLockCost(),
    client.getNetworkParams(),
    client.getCurrentBlock(),
  ])
  const nextAllowedBlock = params.lastLockBlock + params.rateLimit
  cli.result({ lockCost, block, nextAllowedBlock, ...params }, () =>
    formatFields([
      ['lock cost', hetu(lockCost, 'WHETU')],
      ['minimum lock', hetu(params.minLock, 'WHETU')],
      ['last lock', `${hetu(params.lastLock, 'WHETU')} at block ${params.lastLockBlock}`],
      [
        'rate limit',
        `${params.rateLimit} blocks (next registration from block ${nextAllowedBlock}; now ${block})`,
      ],
      ['reduction interval', `${params.reductionInterval} blocks`],
      ['subnets', params.totalNetworks],
      ['next netuid', params.nextNetuid],
    ]),
  )
}
