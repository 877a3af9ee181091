import type { Address } from 'viem'
import { HetuError } from '../errors.js'

/** How one validator's attempt ended. */
export interface GatewayAttempt {
  validator: Address
  endpoint: string
  statusCode: number
  message: string
  latencyMs: number
}

/** No validator of the subnet answers `GET /` with the synapse (none runs `serve`, or none is reachable). */
export class NoGatewayError extends HetuError {
  override name = 'NoGatewayError'
  constructor(args: { netuid: number; synapse: string }) {
    super('NO_GATEWAY', `No validator of subnet ${args.netuid} serves ${args.synapse} to clients.`, {
      details: 'Looked for registered validators whose axon answers GET / and lists the synapse.',
      hint: 'A validator serves clients with `new Validator({ serve })` or `hetu validator run --serve <port>`; check the netuid and the synapse name.',
      meta: args,
    })
  }
}

/** Every validator tried failed to answer in time (each attempt's status is in `attempts`). */
export class GatewaysFailedError extends HetuError {
  override name = 'GatewaysFailedError'
  readonly attempts: GatewayAttempt[]
  constructor(args: { netuid: number; synapse: string; attempts: GatewayAttempt[]; timeoutMs: number }) {
    const tried = args.attempts.map((a) => `${a.validator} ${a.statusCode} ${a.message}`.trim())
    super(
      'GATEWAYS_FAILED',
      args.attempts.length === 0
        ? `No validator of subnet ${args.netuid} was asked within ${args.timeoutMs} ms.`
        : `None of the ${args.attempts.length} validators asked on subnet ${args.netuid} answered ${args.synapse}.`,
      {
        ...(tried.length > 0 && { details: tried.join('\n') }),
        hint: 'Retry later, or allow more time or validators (timeoutMs and attempts; `hetu query --timeout --attempts`); 403 means a validator does not admit your hotkey.',
        meta: { netuid: args.netuid, synapse: args.synapse },
      },
    )
    this.attempts = args.attempts
  }
}
