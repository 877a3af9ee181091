import type { Dispatcher } from 'undici'
import type { CallAbort } from './signals.js'
import { ResponseTooLargeError } from './status.js'

/** A complete HTTP answer. */
export interface RawResponse {
  statusCode: number
  headers: Record<string, string | string[] | undefined>
  /** The body as UTF-8 text. */
  text: string
}

/**
 * One request through undici's dispatcher API, the body collected up to `limit` bytes.
 *
 * Cheaper than `agent.request()` (about half the client CPU per call on the axon benchmark): no
 * Readable body stream, and no AbortSignal with its listeners: `abort` calls back directly. It
 * settles as soon as the call is aborted (timeout, deadline, cancellation); the request itself is
 * cancelled as soon as undici has started it.
 */
export function sendRequest(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  limit: number,
  abort: CallAbort,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    if (abort.cause) {
      reject(new Error(`call ${abort.cause}`))
      return
    }
    let controller: Dispatcher.DispatchController | undefined
    let pendingAbort: Error | undefined
    let settled = false
    let statusCode = 0
    let headers: RawResponse['headers'] = {}
    const chunks: Buffer[] = []
    let size = 0
    const fail = (error: Error) => {
      if (settled) return
      settled = true
      reject(error)
    }
    const stop = (error: Error) => {
      if (controller) controller.abort(error)
      else pendingAbort = error
      fail(error)
    }
    abort.onFire = stop
    dispatcher.dispatch(options, {
      onRequestStart(started) {
        controller = started
        if (pendingAbort) started.abort(pendingAbort)
      },
      onResponseStart(_controller, status, responseHeaders) {
        statusCode = status
        headers = responseHeaders
        if (Number(responseHeaders['content-length']) > limit)
          stop(new ResponseTooLargeError(`response larger than ${limit} bytes`))
      },
      onResponseData(_controller, chunk) {
        size += chunk.length
        if (size > limit) stop(new ResponseTooLargeError(`response larger than ${limit} bytes`))
        else chunks.push(chunk)
      },
      onResponseEnd() {
        if (settled) return
        settled = true
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)
        resolve({ statusCode, headers, text: body.toString('utf8') })
      },
      onResponseError(_controller, error) {
        fail(error)
      },
    })
  })
}
