import type { Account, Address, Hash } from 'viem'

/** A mined, successful transaction. */
export interface HetuTxResult {
  hash: Hash
  blockNumber: bigint
  gasUsed: bigint
  from: Address
}

/** A transaction an action sent on its own to satisfy a precondition (wrap, approve, stake…). */
export interface PrerequisiteTx extends HetuTxResult {
  step: 'wrap' | 'approve' | 'addGlobalStake' | 'deallocateFromSubnet'
}

/** Result of a write that may have sent prerequisite transactions before the main one. */
export interface HetuWriteResult extends HetuTxResult {
  /** Transactions sent before the main one, in order (empty when nothing was needed). */
  prerequisites: readonly PrerequisiteTx[]
}

/** Options every write accepts. */
export interface WriteOptions {
  /** Signer for this call; defaults to the client's account. */
  account?: Account | Address | undefined
}
