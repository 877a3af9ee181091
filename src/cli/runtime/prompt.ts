// Terminal questions on stderr (stdout stays for results). Nothing here runs without a terminal:
// callers check `canPrompt()` first and fall back to flags.
import { AbortedError } from './errors.js'

export interface PromptIO {
  stdin: NodeJS.ReadStream
  stderr: NodeJS.WriteStream
}

const defaultIO = (): PromptIO => ({ stdin: process.stdin, stderr: process.stderr })

export function canPrompt(io: PromptIO = defaultIO()): boolean {
  return io.stdin.isTTY === true
}

/**
 * Reads one line without echoing it (passwords, keys). Backspace edits; Ctrl-C or Ctrl-D on an empty
 * line aborts. The terminal is restored whatever happens.
 */
export function askHidden(question: string, io: PromptIO = defaultIO()): Promise<string> {
  const { stdin, stderr } = io
  stderr.write(question)
  return new Promise((resolve, reject) => {
    let value = ''
    const wasRaw = stdin.isRaw
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const finish = (error?: Error) => {
      stdin.setRawMode(wasRaw)
      stdin.pause()
      stdin.off('data', onData)
      stderr.write('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish()
        if (char === '\u0003' || (char === '\u0004' && value === '')) return finish(new AbortedError())
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        else if (char >= ' ') value += char
      }
    }
    stdin.on('data', onData)
  })
}

/** Reads one visible line. */
export async function askLine(question: string, io: PromptIO = defaultIO()): Promise<string> {
  const { createInterface } = await import('node:readline/promises')
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true })
  try {
    return await rl.question(question)
  } finally {
    rl.close()
  }
}
