// Terminal questions on stderr (stdout stays for results). Nothing here runs without a terminal:
// callers check `canPrompt()` first and fall back to flags.
import { readFileSync } from 'node:fs'
import { AbortedError } from './errors.js'

export interface PromptIO {
  stdin: NodeJS.ReadStream
  stderr: NodeJS.WriteStream
}

const defaultIO = (): PromptIO => ({ stdin: process.stdin, stderr: process.stderr })

export function canPrompt(io: PromptIO = defaultIO()): boolean {
  return io.stdin.isTTY === true && !inBackground()
}

/**
 * Whether this process runs in the background of its terminal (`hetu axon serve … &`): asking there
 * would stop it ("Stopped (tty output)") until brought to the foreground. Linux tells through
 * /proc/self/stat (process group vs the terminal's foreground group); elsewhere it is assumed not.
 */
export function inBackground(): boolean {
  let stat: string
  try {
    stat = readFileSync('/proc/self/stat', 'utf8')
  } catch {
    return false
  }
  // After "pid (comm) ": state ppid pgrp session tty_nr tpgid …
  const [, , pgrp, , , tpgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(tpgid) > 0 && pgrp !== tpgid
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
