// Gas for test writes: the estimate plus the SDK's default headroom. A bare estimate runs out of gas when the
// transaction lands in a later second than the estimate ran in (NeuronManager stores block.timestamp: a no-op
// write in the estimate, a fresh one when mined), which made contract tests flaky on slow machines.
import type { Abi, Account, Address, PublicClient } from 'viem'
import { DEFAULT_GAS_HEADROOM, withHeadroom } from '../../src/chain/internal/gas.js'

export interface GasCall {
  account: Account
  address: Address
  abi: Abi
  functionName: string
  args?: readonly unknown[]
  value?: bigint
}

/** Estimates the call (a revert surfaces here with its reason) and adds the SDK's default headroom. */
export async function gasWithHeadroom(client: PublicClient, call: GasCall): Promise<bigint> {
  return withHeadroom(await client.estimateContractGas(call as never), DEFAULT_GAS_HEADROOM)
}
