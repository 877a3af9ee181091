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

  constructor(base: string) {
    this.#base = base
  }

  /** Takes the lowest free lane for `origin`; call `release` when the call is over. */
  acquire(origin: string): { uuid: string; release: () => void } {
    let busy = this.#busy.get(origin)
    if (!busy) {
      busy = new Set()
      this.#busy.set(origin, busy)
    }
    let lane = 0
    while (busy.has(lane)) lane++
    busy.add(lane)
    const lanes = busy
    let released = false
    return {
      uuid: lane === 0 ? this.#base : `${this.#base}-${lane}`,
      release: () => {
        if (released) return
        released = true
        lanes.delete(lane)
        if (lanes.size === 0 && this.#busy.get(origin) === lanes) this.#busy.delete(origin)
      },
    }
  }

  /** Origins with calls in flight (for tests: nothing is kept once calls end). */
  get origins(): number {
    return this.#busy.size
  }
}
