import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Hex } from 'viem'
import { SESSION_PATH, sessionHeaderNames } from '../protocol/session.js'
import { type Answered, type AxonCore, Exchange, handlerFailure, type Parsed, type Routed } from './core.js'
import { AxonRejection } from './rejection.js'
import { acquireSlot, priorityFailure, priorityOf } from './stages/admit.js'
import { askBlacklist, failedClosed, judge } from './stages/blacklist.js'
import { acceptResult, forward } from './stages/forward.js'
import { readHeaders } from './stages/headers.js'
import { respondError, sendAnswer, signAnswer } from './stages/respond.js'
import { routeAndSize } from './stages/route.js'
import { acceptSessionBody, readSessionHeaders, sendSessionAnswer, serveHandshake } from './stages/session.js'
import { drainStream, forwardStream, StreamEnded, streamFormat } from './stages/stream.js'
import {
  acceptBody,
  acceptSignature,
  nonceStoreFailure,
  releaseNonce,
  reserveNonce,
  runVerifyHook,
  takeNonce,
  verifyFailure,
  verifySignature,
} from './stages/verify.js'
import type { BlacklistResult } from './types.js'

/**
 * One step of a request, on the exchange as the steps before it left it (`E`: the table's order
 * makes it so). `run` returns a promise only when it has to wait (I/O, an async hook); `accept` takes
 * its value synchronously; `fail` turns a failure of either into what is answered.
 */
interface Step<E extends Exchange = Exchange, T = unknown> {
  run(core: AxonCore, exchange: E): T | Promise<T>
  accept?(core: AxonCore, exchange: E, value: T): void
  fail?(core: AxonCore, exchange: E, error: unknown): unknown
  /** Traced once passed (trace: true). */
  trace?: string
}

const step = <E extends Exchange, T>(s: Step<E, T>) => s as unknown as Step

/**
 * A request through an axon. Each stage is cheaper than the next and may refuse with its own
 * status; nothing expensive (signature recovery, body reading, the handler) runs for a request an
 * earlier stage could refuse.
 *
 *   route + size (404/405/413) → headers (400) → blacklist (403) → signature + nonce (401)
 *   → body + body hash + verify hook (413/408/400/401) → priority admission (503/408)
 *   → forward (500) → signed response (200)
 *
 * Steps run synchronously one after the other until one has to wait; the rest then continue
 * after it. (An `await` per step cost a promise and a microtask each, on every request.)
 */
const routeStep = step({
  run: routeAndSize,
  accept: (_, ex, route) => {
    ex.route = route
  },
  trace: 'route',
})
const blacklistSteps = [
  step<Routed, BlacklistResult>({
    run: (core, ex) => askBlacklist(core.blacklist, ex),
    accept: (_, __, verdict) => judge(verdict),
    fail: (_, __, error) => failedClosed(error),
  }),
  step<Routed, BlacklistResult>({
    run: (_, ex) => askBlacklist(ex.route.blacklist, ex),
    accept: (_, __, verdict) => judge(verdict),
    fail: (_, __, error) => failedClosed(error),
    trace: 'blacklist',
  }),
]
/** From the verify hook to the answer: the same on both lanes but for the answer's own steps. */
const admitSteps = (answer: (exchange: Parsed) => readonly Step[]) => [
  step<Parsed, void>({ run: (_, ex) => runVerifyHook(ex), fail: verifyFailure, trace: 'body' }),
  step<Parsed, number>({
    run: (_, ex) => priorityOf(ex),
    accept: (_, ex, priority) => {
      ex.priority = priority
    },
    fail: priorityFailure,
  }),
  step({
    run: acquireSlot,
    accept: (_, ex, release) => {
      ex.release = release
    },
    trace: 'admitted',
  }),
  step<Parsed, void>({ run: (core, ex) => runSteps(core, ex, answer(ex)) }),
]

const checks: readonly Step[] = [
  routeStep,
  step({
    run: readHeaders,
    accept: (_, ex, headers) => {
      ex.headers = headers
    },
    trace: 'headers',
  }),
  ...blacklistSteps,
  step<Routed, boolean | undefined>({
    run: verifySignature,
    accept: (_, __, valid) => acceptSignature(valid),
  }),
  step({
    run: reserveNonce,
    accept: (_, ex, reservation) => takeNonce(ex, reservation),
    fail: (core, _, error) => nonceStoreFailure(core, error),
    trace: 'signature',
  }),
  step<Routed, Buffer>({
    run: (core, ex) => core.bodies.read(ex.req),
    accept: (_, ex, raw) => acceptBody(ex, raw),
    fail: releaseNonce,
  }),
  // The answer's own steps, by the kind of answer.
  ...admitSteps((ex) => answerSteps(ex)),
]

/**
 * The session lane (docs/session.md): the session, lane and counter from the headers instead of
 * the signed headers (401), the same blacklists, the MAC over the raw body instead of signature,
 * nonce and body hash (401), then the same verify hook, priority and admission; the answer is
 * MAC'd instead of signed. A streaming synapse is drained into one answer.
 *
 *   route + size → session headers (400/401) → blacklist (403) → body + MAC + counter (401)
 *   → fields (400) → verify hook → priority admission → forward → MAC'd response (200)
 */
const sessionChecks: readonly Step[] = [
  routeStep,
  step<Routed, void>({ run: readSessionHeaders, trace: 'session' }),
  ...blacklistSteps,
  step<Routed, Buffer>({
    run: (core, ex) => core.bodies.read(ex.req),
    accept: (_, ex, raw) => acceptSessionBody(ex, raw),
  }),
  ...admitSteps((ex) => (ex.route.streaming ? sessionDrained : sessionReplied)),
]
const sessionAnswer = step<Answered, void>({ run: sendSessionAnswer })
const sessionReplied: readonly Step[] = [
  step<Parsed, unknown>({ run: forward, accept: acceptResult, fail: handlerFailure }),
  sessionAnswer,
]
const sessionDrained: readonly Step[] = [
  step<Parsed, unknown>({ run: drainStream, accept: acceptResult, fail: handlerFailure }),
  sessionAnswer,
]

const signedAnswer = step<Answered, Hex | undefined>({ run: signAnswer, accept: sendAnswer })
/** A plain synapse: its handler's fields, answered signed. */
const replied: readonly Step[] = [
  step<Parsed, unknown>({ run: forward, accept: acceptResult, fail: handlerFailure }),
  signedAnswer,
]
/** A streaming synapse asked for one JSON answer: the stream drained, its result answered. */
const drained: readonly Step[] = [
  step<Parsed, unknown>({ run: drainStream, accept: acceptResult, fail: handlerFailure }),
  signedAnswer,
]

/** A streaming synapse asked for a stream: chunks as they come, then the signed final synapse. */
const streamed: readonly Step[] = [step<Parsed, void>({ run: forwardStream })]

function answerSteps(exchange: Parsed): readonly Step[] {
  if (!exchange.route.streaming) return replied
  return streamFormat(exchange.req.headers.accept) === undefined ? drained : streamed
}

/**
 * The runner: the steps of `table` from `from` on, synchronously until one has to wait; a promise
 * only if one does. The only place that tells a value from a promise.
 */
function runSteps(
  core: AxonCore,
  exchange: Exchange,
  table: readonly Step[],
  from = 0,
): void | Promise<void> {
  for (let i = from; i < table.length; i++) {
    const current = table[i]!
    let value: unknown
    try {
      value = current.run(core, exchange)
      if (value instanceof Promise)
        return value.then(
          (resolved) => {
            passed(core, exchange, current, resolved)
            return runSteps(core, exchange, table, i + 1)
          },
          (error: unknown) => {
            throw current.fail ? current.fail(core, exchange, error) : error
          },
        )
    } catch (error) {
      throw current.fail ? current.fail(core, exchange, error) : error
    }
    passed(core, exchange, current, value)
  }
}

/** A step's value accepted (its failure mapped by the step), then traced. */
function passed(core: AxonCore, exchange: Exchange, current: Step, value: unknown): void {
  if (current.accept)
    try {
      current.accept(core, exchange, value)
    } catch (error) {
      throw current.fail ? current.fail(core, exchange, error) : error
    }
  if (current.trace) trace(core, exchange, current.trace)
}

/** Runs the request's steps (or `GET /`), answers refusals, records metrics and trace. */
export function serveRequest(
  core: AxonCore,
  req: IncomingMessage,
  res: ServerResponse,
  live: Set<Exchange>,
): void | Promise<void> {
  const exchange = new Exchange(req, res)
  res.once('close', exchange.onClose)
  live.add(exchange)
  if (req.method === 'GET' && (req.url === '/' || req.url?.startsWith('/?'))) {
    serveDiscovery(core, exchange)
    return finish(core, exchange, live, undefined, 'discovery')
  }
  if (req.url === SESSION_PATH && core.sessions) {
    let handshake: Promise<void>
    try {
      handshake = serveHandshake(core, exchange, core.sessions)
    } catch (error) {
      return fail(core, exchange, live, error)
    }
    return handshake.then(
      () => finish(core, exchange, live, undefined, 'hetu-session'),
      (error: unknown) => fail(core, exchange, live, error),
    )
  }
  let pending: void | Promise<void>
  try {
    pending = runSteps(
      core,
      exchange,
      req.headers[sessionHeaderNames.session] === undefined ? checks : sessionChecks,
    )
  } catch (error) {
    return fail(core, exchange, live, error)
  }
  if (!pending) return finish(core, exchange, live)
  return pending.then(
    () => finish(core, exchange, live),
    (error: unknown) => fail(core, exchange, live, error),
  )
}

/** Answers a refusal or handler failure (unless a stream already did), then records the request. */
function fail(core: AxonCore, exchange: Exchange, live: Set<Exchange>, error: unknown): void | Promise<void> {
  exchange.releaseSlot()
  if (error instanceof StreamEnded) return finish(core, exchange, live, error.rejection)
  const rejection = error instanceof AxonRejection ? error : handlerFailure(core, exchange, error)
  let answered: void | Promise<void>
  try {
    answered = respondError(core, exchange, rejection)
  } catch (respondFailure) {
    return couldNotAnswer(core, exchange, live, rejection, respondFailure)
  }
  if (!answered) return finish(core, exchange, live, rejection)
  return answered.then(
    () => finish(core, exchange, live, rejection),
    (respondFailure: unknown) => couldNotAnswer(core, exchange, live, rejection, respondFailure),
  )
}

function couldNotAnswer(
  core: AxonCore,
  exchange: Exchange,
  live: Set<Exchange>,
  rejection: AxonRejection,
  respondFailure: unknown,
): void {
  core.logger.error({ error: String(respondFailure) }, 'axon could not send an error answer')
  exchange.res.destroy()
  finish(core, exchange, live, rejection)
}

/** The end of every request: frees its slot, records metrics and the trace line. */
function finish(
  core: AxonCore,
  exchange: Exchange,
  live: Set<Exchange>,
  rejection?: AxonRejection,
  label?: string,
): void {
  exchange.releaseSlot()
  exchange.res.off('close', exchange.onClose)
  live.delete(exchange)
  const route =
    label ??
    exchange.route?.definition.name ??
    (exchange.req.url === SESSION_PATH ? 'hetu-session' : 'unknown')
  const status = rejection?.status ?? exchange.res.statusCode
  const seconds = (performance.now() - exchange.startedAt) / 1000
  core.metrics.observe(
    route,
    status,
    seconds,
    rejection?.reason,
    exchange.req.headers[sessionHeaderNames.session] !== undefined,
  )
  if (core.trace)
    core.logger.debug(
      { synapse: route, status, reason: rejection?.reason, hotkey: exchange.caller, ms: seconds * 1000 },
      'axon request',
    )
}

/** With `trace: true`, one debug line per passed stage: names, hotkey and timing only. */
function trace(core: AxonCore, exchange: Exchange, stage: string): void {
  if (!core.trace) return
  core.logger.debug(
    {
      stage,
      synapse: exchange.route?.definition.name,
      hotkey: exchange.caller ?? exchange.headers?.dendrite.hotkey,
      ms: performance.now() - exchange.startedAt,
    },
    'axon stage passed',
  )
}

function serveDiscovery(core: AxonCore, exchange: Exchange): void {
  const body = core.discoveryDocument()
  exchange.res
    .writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) })
    .end(body)
}
