import type { Cli } from '../../runtime/Cli.js'
import { hetu } from '../../runtime/format.js'
import { formatFields } from '../../runtime/table.js'
import { readHyperparams } from './hyperparams.js'

interface RegisterOptions {
  name: string
  description: string
  tokenName: string
  tokenSymbol: string
  set?: string[]
  paramsFile?: string
  activate?: boolean
}

/** `hetu subnet register`: locks WHETU (asks first), optionally activates. Signed by the coldkey. */
export async function run(cli: Cli, opts: RegisterOptions): Promise<void> {
  const hyperparams = await readHyperparams(opts.set, opts.paramsFile)
  const client = await cli.signer('coldkey')
  const lockCost = await client.getNetworkLockCost()
  await cli.confirm(
    `Register subnet "${opts.name}", locking ${hetu(lockCost, 'WHETU')} from ${client.address}?`,
  )
  const created = await cli.step(
    `registering subnet "${opts.name}"`,
    () =>
      client.registerSubnet({
        name: opts.name,
        description: opts.description,
        tokenName: opts.tokenName,
        tokenSymbol: opts.tokenSymbol,
        ...(Object.keys(hyperparams).length > 0 && { hyperparams }),
      }),
    (r) => `netuid ${r.netuid}`,
  )
  let activated: { activation: unknown; minter: unknown } | undefined
  if (opts.activate) {
    const activation = await cli.step(`activating subnet ${created.netuid}`, () =>
      client.activateSubnet({ netuid: created.netuid }),
    )
    const minter = await cli.step('adding the chain minter', () =>
      client.addSubnetMinter({ netuid: created.netuid }),
    )
    activated = { activation, minter }
  }
  cli.result({ ...created, ...(activated ?? {}) }, () =>
    formatFields([
      ['netuid', created.netuid],
      ['owner', created.owner],
      ['alpha token', created.alphaToken],
      ['AMM pool', created.ammPool],
      ['locked', hetu(created.lockedAmount, 'WHETU')],
      ['active', activated !== undefined],
      ['tx', created.hash],
    ]),
  )
}
