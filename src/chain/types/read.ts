/** Options every read accepts. */
export interface ReadOptions {
  /** Read the state as of this block (historical read; the node must keep that state). */
  blockNumber?: bigint
}
