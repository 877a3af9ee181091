/** Shared printing for benchmarks: ours, the reference, and the ratio, on one line each. */
export function report(
  ours: string,
  oursValue: number,
  reference: string,
  referenceValue: number,
  unit: string,
) {
  const ratio = oursValue / referenceValue
  console.log(`${ours}: ${fmt(oursValue)} ${unit}`)
  console.log(`${reference}: ${fmt(referenceValue)} ${unit}`)
  console.log(`ratio (ours / reference): ${ratio.toFixed(2)}`)
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Median wall time (ms) of `count` runs of `fn`, one after another. */
export async function medianTime(count: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await fn()
    times.push(performance.now() - started)
  }
  return median(times)
}

function fmt(v: number) {
  return v >= 100 ? v.toFixed(0) : v.toFixed(2)
}
