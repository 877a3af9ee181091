// Each action's `…ErrorType` union names the errors it can throw. Checked here from the source: the
// argument and wallet checks (InvalidArgumentError, InvalidAmountError, WalletLockedError) that the
// action constructs itself or through the chain helpers it calls, transitively. Reverts and RPC failures
// decoded by toHetuError are listed by hand.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const chain = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/chain')

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })
}

/** Top-level functions of a file with their text. */
function functionsOf(text: string): Map<string, string> {
  const out = new Map<string, string>()
  const starts = [...text.matchAll(/^(?:export )?(?:async )?function\*? (\w+)/gm)]
  starts.forEach((m, i) => {
    out.set(m[1]!, text.slice(m.index, starts[i + 1]?.index ?? text.length))
  })
  return out
}

const CHECKS = new Set(['InvalidArgumentError', 'InvalidAmountError', 'WalletLockedError'])
const constructed = (text: string) =>
  new Set([...text.matchAll(/new (\w+Error)\(/g)].map((m) => m[1]!).filter((cls) => CHECKS.has(cls)))

// What each helper of src/chain/internal (and the actions' shared helpers) can throw, transitively.
const helpers = new Map<string, { body: string; throws: Set<string> }>()
for (const file of [...files(join(chain, 'internal')), ...files(join(chain, 'actions'))])
  for (const [name, body] of functionsOf(readFileSync(file, 'utf8')))
    helpers.set(name, { body, throws: constructed(body) })
for (let changed = true; changed; ) {
  changed = false
  for (const [, helper] of helpers)
    for (const [name, other] of helpers)
      if (other !== helper && new RegExp(`\\b${name}\\(`).test(helper.body))
        for (const cls of other.throws)
          if (!helper.throws.has(cls)) {
            helper.throws.add(cls)
            changed = true
          }
}

const actionFiles = files(join(chain, 'actions')).filter((f) =>
  /export type \w+ErrorType =/.test(readFileSync(f, 'utf8')),
)

describe('per-action error unions', () => {
  it('finds the actions', () => expect(actionFiles.length).toBeGreaterThan(40))

  for (const file of actionFiles) {
    const text = readFileSync(file, 'utf8')
    const [, name, union] = /export type (\w+)ErrorType =([\s\S]*?)(?:\n\n|\n(?=export|\/\*\*))/.exec(text)!
    it(`${name}ErrorType (${relative(chain, file)}) names the argument checks ${name} makes`, () => {
      const listed = new Set([...union!.matchAll(/\b(\w+Error)\b/g)].map((m) => m[1]!))
      // What the action's own exported function (and what it calls) constructs.
      const own = [...functionsOf(text)].find(([fn]) => fn.toLowerCase() === name!.toLowerCase())
      expect(own, `function ${name}`).toBeDefined()
      const throws = helpers.get(own![0])!.throws
      const missing = [...throws].filter((cls) => !listed.has(cls))
      expect(missing, `${name}ErrorType lacks`).toEqual([])
    })
  }
})
