// The Python SDK's demo tasks: "add 15 25" → "Result: 15 + 25 = 40", "multiply 6 7" → "Result: 6 * 7 = 42".
// The demo miner answers these; the demo validator asks them and checks the answers.

const TASK = /^(add|multiply)\s+(-?\d+)\s+(-?\d+)$/

/** The answer to a task, or undefined when it is not one of the demo's. */
export function solveTask(task: string): string | undefined {
  const match = TASK.exec(task.trim())
  if (!match) return undefined
  const a = BigInt(match[2]!)
  const b = BigInt(match[3]!)
  return match[1] === 'add' ? `Result: ${a} + ${b} = ${a + b}` : `Result: ${a} * ${b} = ${a * b}`
}

/** A random task with its expected answer. */
export function randomTask(random: () => number = Math.random): { task: string; expected: string } {
  const op = random() < 0.5 ? 'add' : 'multiply'
  const a = Math.floor(random() * 1000)
  const b = Math.floor(random() * 1000)
  const task = `${op} ${a} ${b}`
  return { task, expected: solveTask(task)! }
}
