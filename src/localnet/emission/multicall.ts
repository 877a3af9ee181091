import { type Address, type Hex, numberToHex } from 'viem'
import type { RpcRequest } from '../../chain/reads.js'
import { decodeAggregate3, encodeAggregate3, type Words } from '../../chain/reads.js'

/** One view call to batch: its calldata and how to read its return data. */
export interface ViewCall<T = unknown> {
  target: Address
  data: Hex
  decode: (returnData: Words) => T
}

/** Calls per eth_call: keeps each well under anvil's eth_call gas cap even for heavy getters. */
const CHUNK = 256
const CALL_GAS = numberToHex(1_000_000_000n)

/**
 * View calls as JSON-RPC requests (Multicall3 `aggregate3` at `blockTag`, failures allowed, chunked),
 * so any number of reads go out in the same HTTP batch, plus the decoder of their results: each
 * call's value, or `undefined` when it reverted or returned something unreadable.
 */
export function multicallRequests(
  multicall: Address,
  calls: readonly ViewCall[],
  blockTag: bigint,
): { requests: RpcRequest[]; decode(results: readonly unknown[]): unknown[] } {
  const requests: RpcRequest[] = []
  for (let i = 0; i < calls.length; i += CHUNK) {
    const data = encodeAggregate3(calls.slice(i, i + CHUNK))
    requests.push({
      method: 'eth_call',
      params: [{ to: multicall, data, gas: CALL_GAS }, numberToHex(blockTag)],
    })
  }
  return {
    requests,
    decode(results) {
      const out: unknown[] = []
      for (const raw of results) {
        for (const returned of decodeAggregate3(raw as Hex)) {
          const call = calls[out.length]!
          if (!returned) {
            out.push(undefined)
            continue
          }
          try {
            out.push(call.decode(returned))
          } catch {
            out.push(undefined) // no code at the address, or a foreign return shape
          }
        }
      }
      return out
    },
  }
}
