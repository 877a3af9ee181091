// Our compiled ABIs must contain every function, event and error of the reference (chain) ABIs in
// test/fixtures/hetu-abi with the same selector/topic and shape, so that tools written for the public
// contracts work unchanged against ours. Constructors may differ (docs/contracts.md#deployment-and-wiring).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Abi, type AbiParameter, toEventSelector, toFunctionSelector } from 'viem'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const PUBLIC_CONTRACTS = [
  'AlphaToken',
  'GlobalStaking',
  'NeuronManager',
  'SubnetAMM',
  'SubnetAMMFactory',
  'SubnetManager',
  'WHETU',
  'Weights',
] as const

type Item = Abi[number]

function readAbi(path: string): Abi {
  const json = JSON.parse(readFileSync(path, 'utf8')) as unknown
  return (Array.isArray(json) ? json : (json as { abi: Abi }).abi) as Abi
}

/** Type, name, indexed flag and struct components: everything of a parameter that tools see. */
function shape(p: AbiParameter, withName = true): unknown {
  const components = 'components' in p ? p.components.map((c) => shape(c)) : undefined
  return {
    type: p.type,
    ...(withName && { name: p.name ?? '' }),
    ...('indexed' in p && { indexed: Boolean(p.indexed) }),
    ...(components && { components }),
  }
}

/** Selector for functions and errors, topic0 for events; undefined for constructor/fallback/receive. */
function key(item: Item): string | undefined {
  switch (item.type) {
    case 'function':
      return `function ${toFunctionSelector(item)}`
    case 'error':
      return `error ${toFunctionSelector(item as never)}`
    case 'event':
      return `event ${toEventSelector(item)}`
    case 'fallback':
    case 'receive':
      return item.type
    default:
      return undefined
  }
}

/**
 * What must be equal. Function input names are left out on purpose: calls encode arguments by
 * position, and some reference getters are public mappings whose unnamed key we reproduce with a
 * named function parameter. Output names, event argument names and struct fields are compared.
 */
function signature(item: Item): unknown {
  switch (item.type) {
    case 'function':
      return {
        inputs: item.inputs.map((p) => shape(p, false)),
        outputs: item.outputs.map((p) => shape(p)),
        stateMutability: item.stateMutability,
      }
    case 'event':
      return { inputs: item.inputs.map((p) => shape(p)), anonymous: Boolean(item.anonymous) }
    case 'error':
      return { inputs: item.inputs.map((p) => shape(p)) }
    default:
      return { stateMutability: 'stateMutability' in item ? item.stateMutability : undefined }
  }
}

function label(item: Item): string {
  return 'name' in item && item.name ? `${item.type} ${item.name}` : item.type
}

/** Reference items missing from ours or different in shape, as readable lines. */
function conformanceProblems(reference: Abi, ours: Abi): string[] {
  const byKey = new Map<string, Item>()
  for (const item of ours) {
    const k = key(item)
    if (k) byKey.set(k, item)
  }
  const problems: string[] = []
  for (const item of reference) {
    const k = key(item)
    if (!k) continue
    const mine = byKey.get(k)
    if (!mine) {
      problems.push(`missing ${label(item)} (${k})`)
      continue
    }
    const expected = JSON.stringify(signature(item))
    const actual = JSON.stringify(signature(mine))
    if (expected !== actual)
      problems.push(`${label(item)} differs:\n  reference ${expected}\n  ours      ${actual}`)
  }
  return problems
}

/**
 * Items we add to the reference ABI, each justified by a fix (contracts/README.md) or in
 * docs/contracts.md#abi-additions.
 */
const ALLOWED_ADDITIONS: Partial<Record<(typeof PUBLIC_CONTRACTS)[number], string[]>> = {
  // Getters of the newer public source (docs/contracts.md#abi-additions); SafeERC20 reverts are
  // OpenZeppelin's; publicRules tells which rule set (public quirks or our fixes) the deployment follows.
  SubnetManager: [
    'function publicRules',
    'function systemAddress',
    'event SubnetHyperparamsUpdated',
    'error SafeERC20FailedOperation',
  ],
  AlphaToken: [
    'function getSystemAddress',
    'function isAuthorizedMinter',
    'function isSystemAddress',
    'function systemAddress',
  ],
  // Pool creation restricted to the SubnetManager (fixed rules, which publicRules tells); pools are
  // clones (OpenZeppelin Clones errors).
  SubnetAMMFactory: [
    'function publicRules',
    'function setSubnetManager',
    'function subnetManager',
    'event SubnetManagerSet',
    'error CloneArgumentsTooLong',
    'error FailedDeployment',
    'error InsufficientBalance',
  ],
  SubnetAMM: ['error SafeERC20FailedOperation'],
}

describe('ABI conformance with the reference (chain) ABIs', () => {
  for (const name of PUBLIC_CONTRACTS) {
    it(`${name}: every reference function, event and error is present with the same shape`, () => {
      const artifact = join(root, 'artifacts', `${name}.json`)
      expect(existsSync(artifact), `artifacts/${name}.json (run npm run build:contracts)`).toBe(true)
      const problems = conformanceProblems(
        readAbi(join(root, 'test', 'fixtures', 'hetu-abi', `${name}.json`)),
        readAbi(artifact),
      )
      expect(problems).toEqual([])
    })
  }

  for (const [name, allowed] of Object.entries(ALLOWED_ADDITIONS)) {
    it(`${name}: adds nothing beyond the documented fixes`, () => {
      const reference = new Set(
        readAbi(join(root, 'test', 'fixtures', 'hetu-abi', `${name}.json`)).map((i) => key(i)),
      )
      const added = readAbi(join(root, 'artifacts', `${name}.json`))
        .filter((i) => key(i) && !reference.has(key(i)))
        .map(label)
        .sort()
      expect(added).toEqual([...allowed].sort())
    })
  }

  it('reports a changed shape and a missing item', () => {
    const reference: Abi = [
      {
        type: 'event',
        name: 'E',
        anonymous: false,
        inputs: [{ name: 'a', type: 'uint16', indexed: true }],
      },
      { type: 'function', name: 'f', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint256' }] },
    ]
    const ours: Abi = [
      {
        type: 'event',
        name: 'E',
        anonymous: false,
        inputs: [{ name: 'a', type: 'uint16', indexed: false }],
      },
    ]
    const problems = conformanceProblems(reference, ours)
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^event E differs/)
    expect(problems[1]).toMatch(/^missing function f/)
  })
})
