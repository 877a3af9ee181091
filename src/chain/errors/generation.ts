import type { Address } from 'viem'
import { HetuError } from '../../errors.js'

/**
 * The configured contracts are of a generation that lacks a function the action needs (e.g. the
 * `c4a14b7` contracts behind hetu-chain's `contracts-*.json` have no `addSubnetMinter`).
 */
export class UnsupportedByContractsError extends HetuError {
  override name = 'UnsupportedByContractsError'
  readonly functionName: string
  readonly contract: string
  readonly address: Address
  constructor(args: {
    action: string
    functionName: string
    contract: string
    address: Address
    why?: string
  }) {
    super(
      'UNSUPPORTED_BY_CONTRACTS',
      `${args.action} needs ${args.contract}.${args.functionName}, which the ${args.contract} at ${args.address} does not have.`,
      {
        details:
          args.why ??
          'These contracts are the legacy generation (hetu-subnet-contract c4a14b7, the addresses in hetu-chain contracts-*.json).',
        hint: 'Use a network whose contracts are current (`hetu network show` prints the generation), or deploy them: `npx hetu localnet` runs current contracts.',
        docsPath: 'docs/errors.md#unsupported_by_contracts',
        meta: { functionName: args.functionName, contract: args.contract, address: args.address },
      },
    )
    this.functionName = args.functionName
    this.contract = args.contract
    this.address = args.address
  }
}
