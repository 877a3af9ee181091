import { type Abi, type Address, decodeFunctionResult, encodeFunctionData, type Hex, numberToHex } from 'viem'
import { Multicall3Abi } from '../../chain/abi/index.js'
import type { RpcRequest } from '../rpc.js'

/** One view call to batch. */
export interface ViewCall {
  address: Address
  abi: Abi
  functionName: string
  args?: readonly unknown[]
}

/** A view call's outcome: the decoded value, or `undefined` when the call reverted. */
export type ViewResult = unknown

/** Calls per eth_call: keeps each well under anvil's eth_call gas cap even for heavy getters. */
const CHUNK = 256
const CALL_GAS = numberToHex(1_000_000_000n)

/**
 * View calls as JSON-RPC requests (Multicall3 `aggregate3` at `blockTag`, failures allowed, chunked),
 * so any number of reads go out in the same HTTP batch, plus the decoder for their results.
 */
export function multicallRequests(
  multicall: Address,
  calls: readonly ViewCall[],
  blockTag: bigint,
): { requests: RpcRequest[]; decode(results: readonly unknown[]): ViewResult[] } {
  const requests: RpcRequest[] = []
  for (let i = 0; i < calls.length; i += CHUNK) {
    const chunk = calls.slice(i, i + CHUNK).map((c) => ({
      target: c.address,
      allowFailure: true,
      callData: encodeFunctionData({ abi: c.abi, functionName: c.functionName, args: c.args ?? [] } as never),
    }))
    const data = encodeFunctionData({ abi: Multicall3Abi, functionName: 'aggregate3', args: [chunk] })
    requests.push({
      method: 'eth_call',
      params: [{ to: multicall, data, gas: CALL_GAS }, numberToHex(blockTag)],
    })
  }
  return {
    requests,
    decode(results) {
      const out: ViewResult[] = []
      results.forEach((raw) => {
        const decoded = decodeFunctionResult({
          abi: Multicall3Abi,
          functionName: 'aggregate3',
          data: raw as Hex,
        })
        for (const r of decoded) {
          const call = calls[out.length]!
          if (!r.success) {
            out.push(undefined)
            continue
          }
          try {
            out.push(
              decodeFunctionResult({
                abi: call.abi,
                functionName: call.functionName,
                data: r.returnData,
              } as never),
            )
          } catch {
            out.push(undefined) // no code at the address, or a foreign return shape
          }
        }
      })
      return out
    },
  }
}
