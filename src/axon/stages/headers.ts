import { decodeSynapseHeaders, type SynapseHeaders } from '../../protocol/headers.js'
import type { AxonCore, Exchange } from '../core.js'
import { AxonRejection } from '../rejection.js'

/** Stage 2: parses the synapse headers strictly (400; the Python axon answers these 500). */
export function readHeaders(_core: AxonCore, exchange: Exchange): SynapseHeaders {
  try {
    return decodeSynapseHeaders(exchange.req.headers)
  } catch (error) {
    const detail = (error as { details?: string; shortMessage?: string }).shortMessage ?? 'malformed headers'
    throw new AxonRejection(400, 'bad_headers', `Bad request: ${detail}`)
  }
}
