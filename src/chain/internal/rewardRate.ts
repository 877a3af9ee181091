// The emission files themselves, not the consensus barrel: every chain command loads this module, and
// the barrel would bring the epoch, aggregation and the rest of the maths with it.
import { ownerCutOf, subnetRewardRate } from '../../consensus/emission/coinbase.js'
import { DEFAULT_EMISSION_PARAMS, type EmissionParams } from '../../consensus/emission/params.js'
import type { SubnetRewardRate } from '../types/monitoring.js'

/** {@link SubnetRewardRate} from what was read: activation, tempo and the Alpha issued so far. */
export function rewardRateOf(args: {
  netuid: number
  block: bigint
  isActive: boolean
  tempo: number
  alphaIssued: bigint
  params?: Partial<EmissionParams>
}): SubnetRewardRate {
  const params = { ...DEFAULT_EMISSION_PARAMS, ...args.params }
  const alphaPerBlock = args.isActive
    ? subnetRewardRate({ alphaIn: args.alphaIssued, alphaOut: 0n }, params)
    : 0n
  const ownerCutPerBlock = ownerCutOf(alphaPerBlock, params.subnetOwnerCut)
  const participantsPerBlock = alphaPerBlock - ownerCutPerBlock
  const blocksPerEpoch = BigInt(args.tempo) + 1n
  return {
    netuid: args.netuid,
    block: args.block,
    emitting: args.isActive,
    alphaPerBlock,
    ownerCutPerBlock,
    participantsPerBlock,
    tempo: args.tempo,
    blocksPerEpoch,
    alphaPerEpoch: participantsPerBlock * blocksPerEpoch,
    alphaIssued: args.alphaIssued,
  }
}
