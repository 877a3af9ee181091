/**
 * Calls `stop` on the first SIGINT or SIGTERM; a second one while stopping exits at once (the usual
 * Ctrl-C twice). Returns the function that removes the listeners (call it once stopped).
 */
export function stopOnSignals(stop: (signal: NodeJS.Signals) => Promise<void>): () => void {
  let stopping = false
  const listener = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.exit(signal === 'SIGINT' ? 130 : 143)
    }
    stopping = true
    void stop(signal)
  }
  process.on('SIGINT', listener)
  process.on('SIGTERM', listener)
  return () => {
    process.off('SIGINT', listener)
    process.off('SIGTERM', listener)
  }
}
