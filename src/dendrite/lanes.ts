/**
 * Uuids for concurrent calls to one axon. An axon accepts a (hotkey, uuid) pair's nonces only in
 * increasing order, but concurrent requests on different connections can arrive out of order.
 * So each call in flight to an origin takes its own lane: the first uses the dendrite's uuid (as
 * the Python SDK does), others `uuid-1`, `uuid-2`… A lane carries one request at a time, so its
 * nonces reach the axon in order. Lanes exist only while calls are in flight.
 */
export class UuidLanes {
  readonly #base: string
  readonly #busy = new Map<string, Set<number>>()
  /** `uuid-<n>` by lane number, built once (every call takes a lane). */
  readonly #uuids: string[]

  constructor(base: string) {
    this.#base = base
    this.#uuids = [base]
  }

  /** Takes the lowest free lane for `origin`; call `release` when the call is over. */
  acquire(origin: string): Lane {
    let busy = this.#busy.get(origin)
    if (!busy) {
      busy = new Set()
      this.#busy.set(origin, busy)
    }
    let lane = 0
    while (busy.has(lane)) lane++
    busy.add(lane)
    if (lane < 1024) this.#uuids[lane] ??= `${this.#base}-${lane}`
    return new Lane(this, origin, busy, lane, this.#uuids[lane] ?? `${this.#base}-${lane}`)
  }

  /** @internal */
  free(origin: string, busy: Set<number>, lane: number): void {
    busy.delete(lane)
    if (busy.size === 0 && this.#busy.get(origin) === busy) this.#busy.delete(origin)
  }

  /** Origins with calls in flight (for tests: nothing is kept once calls end). */
  get origins(): number {
    return this.#busy.size
  }
}

/** One call's lane: its uuid, given back with `release()` (a second release does nothing). */
export class Lane {
  #lanes: UuidLanes | undefined
  readonly #origin: string
  readonly #busy: Set<number>
  readonly #lane: number
  readonly uuid: string
  /** The lane's number among the origin's lanes (0 for the first); a session's lane number. */
  get index(): number {
    return this.#lane
  }

  constructor(lanes: UuidLanes, origin: string, busy: Set<number>, lane: number, uuid: string) {
    this.#lanes = lanes
    this.#origin = origin
    this.#busy = busy
    this.#lane = lane
    this.uuid = uuid
  }

  release(): void {
    this.#lanes?.free(this.#origin, this.#busy, this.#lane)
    this.#lanes = undefined
  }
}
