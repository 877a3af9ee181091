// The layers of src/ (docs/architecture.md#layers), held by the import graph: every relative import of
// every src/**/*.ts file, type-only ones included, read with the TypeScript compiler's own pre-parser.
// A file may import its own folder or a folder of a lower layer; folders of one layer do not import each
// other; an `internal/` folder is private to the folder it sits in; and no chain of imports comes back
// to where it started.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The one layer table, bottom first: each row names the top-level entries of src/ (folders, or files
 * at its root) of one layer. Moving a folder, or adding one, starts here.
 */
const LAYERS: readonly (readonly string[])[] = [
  // The error codes, generated from the source (`npm run docs:errors`): a list of names, nothing else.
  ['errorCodes.ts'],
  // The base: the error class every error extends, the logger, a file helper, the service kernel
  // (lifecycle and event hub of every long-running part). No project imports.
  ['errors.ts', 'logging', 'util', 'service'],
  // Pure parts: the wire format, the consensus maths, keys and keystores.
  ['protocol', 'consensus', 'wallet'],
  // The two ways out of the process: JSON-RPC to the chain, HTTP between neurons (server and client).
  ['chain', 'axon', 'dendrite'],
  // What reads a subnet from the chain, and what runs a chain of one's own.
  ['metagraph', 'localnet'],
  // The Miner and Validator loops; the dashboard (an indexer and a web server over the chain and the
  // metagraph).
  ['neuron', 'dashboard'],
  // The facade: HetuSubnet, service discovery, a client asking a subnet.
  ['sdk'],
  // What a user meets: the package's entry point, and the `hetu` command.
  ['index.ts', 'cli'],
]

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const src = join(root, 'src')

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return walk(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** Every import between two files of src/, as paths relative to src/ with `/` separators. */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  for (const file of walk(src)) {
    const targets = new Set<string>()
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue
      const target = resolve(dirname(file), fileName).replace(/\.js$/, '.ts')
      if (target.startsWith(src + sep)) targets.add(toKey(target))
    }
    graph.set(toKey(file), targets)
  }
  return graph
}

const toKey = (file: string) => relative(src, file).split(sep).join('/')
const topOf = (key: string) => key.split('/')[0]!
const rankOf = new Map(LAYERS.flatMap((row, rank) => row.map((entry) => [entry, rank] as const)))

/** Why `from` may not import `to`, or undefined when it may. */
function violation(from: string, to: string): string | undefined {
  const [a, b] = [topOf(from), topOf(to)]
  const [ra, rb] = [rankOf.get(a), rankOf.get(b)]
  if (ra === undefined || rb === undefined) return `${ra === undefined ? a : b} is in no layer of LAYERS`
  const internal = to.split('/').indexOf('internal')
  if (internal > 0 && !from.startsWith(`${to.split('/').slice(0, internal).join('/')}/`))
    return `${to} is internal to ${to.split('/').slice(0, internal).join('/')}/`
  if (a === b) return undefined
  if (rb > ra) return `${a} (layer ${ra}) imports ${b} (layer ${rb}), a layer above it`
  if (rb === ra) return `${a} and ${b} share layer ${ra}: neither imports the other`
  return undefined
}

/** The strongly connected components of more than one file (Tarjan), each sorted. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      component.push(w)
    } while (w !== v)
    if (component.length > 1) found.push(component.sort())
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('the layers of src/ (docs/architecture.md)', () => {
  const graph = importGraph()

  it('reads the whole tree', () => {
    expect(graph.size).toBeGreaterThan(200)
    expect([...graph.values()].reduce((n, targets) => n + targets.size, 0)).toBeGreaterThan(1000)
  })

  it('puts every top-level folder and file of src/ in exactly one layer', () => {
    const entries = readdirSync(src).filter((name) => !name.endsWith('.md'))
    expect(entries.filter((name) => !rankOf.has(name))).toEqual([])
    expect(LAYERS.flat().filter((name) => !entries.includes(name))).toEqual([])
    expect(new Set(LAYERS.flat()).size).toBe(LAYERS.flat().length)
  })

  it('has no import that runs up a layer, across a layer, or into another folder’s internal/', () => {
    const wrong = [...graph].flatMap(([from, targets]) =>
      [...targets].flatMap((to) => {
        const why = violation(from, to)
        return why ? [`${from} → ${to}: ${why}`] : []
      }),
    )
    expect(wrong).toEqual([])
  })

  it('has no import cycle, between files or between folders', () => {
    expect(cycles(graph)).toEqual([])
    const tops = new Map<string, Set<string>>()
    for (const [from, targets] of graph) {
      const set = tops.get(topOf(from)) ?? new Set<string>()
      for (const to of targets) if (topOf(to) !== topOf(from)) set.add(topOf(to))
      tops.set(topOf(from), set)
    }
    expect(cycles(tops)).toEqual([])
  })

  it('catches what it is there to catch', () => {
    expect(violation('chain/actions/x.ts', 'metagraph/Metagraph.ts')).toMatch(/a layer above/)
    expect(violation('axon/axon.ts', 'dendrite/dendrite.ts')).toMatch(/share layer/)
    expect(violation('metagraph/sync/readState.ts', 'chain/internal/read.ts')).toMatch(/internal to chain\//)
    expect(violation('chain/actions/x.ts', 'chain/internal/read.ts')).toBeUndefined()
    expect(violation('nowhere/x.ts', 'chain/index.ts')).toMatch(/in no layer/)
    expect(
      cycles(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set(['a'])],
          ['c', new Set(['a'])],
        ]),
      ),
    ).toEqual([['a', 'b']])
  })
})
