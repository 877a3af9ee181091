// Steps with elapsed time on stderr. On a terminal the current step ticks in place; elsewhere (pipes,
// CI logs, the background) each step prints one line when it ends, so logs stay short and readable.
import { inBackground } from './prompt.js'

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

export interface ProgressStream {
  write(text: string): boolean
  isTTY?: boolean
}

export class Progress {
  readonly #stream: ProgressStream
  readonly #started = Date.now()

  constructor(stream: ProgressStream) {
    this.#stream = stream
  }

  /** Runs `work` as a named step: `✓ label (1.2 s)` or `✗ label (0.3 s)` when it throws. */
  async step<T>(label: string, work: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
    const start = Date.now()
    // In the background of a terminal (`&`) a ticking line would redraw over what the user types.
    const live = this.#stream.isTTY === true && !inBackground()
    let frame = 0
    const draw = () =>
      this.#stream.write(
        `\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${label} ${elapsed(Date.now() - start)}`,
      )
    const timer = live ? setInterval(draw, 80) : undefined
    if (live) draw()
    const end = (mark: string, suffix = '') => {
      if (timer) clearInterval(timer)
      this.#stream.write(
        `${live ? '\r\x1b[2K' : ''}${mark} ${label}${suffix} (${elapsed(Date.now() - start)})\n`,
      )
    }
    try {
      const result = await work()
      end('✓', describe ? `: ${describe(result)}` : '')
      return result
    } catch (err) {
      end('✗')
      throw err
    }
  }

  /** Time since the command started. */
  get elapsedMs(): number {
    return Date.now() - this.#started
  }
}

export function elapsed(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`
}
