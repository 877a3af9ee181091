// Comments point to docs/<page>.md#<section>; this checks that every such page and section exists, that
// the Markdown links between the docs resolve, and that no comment cites the outside documents the docs
// replaced (a spec by section number, "the seed").
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const SOURCE_DIRS = ['src', 'contracts', 'test', 'bench', 'examples', 'scripts', 'bin']
const SOURCE_EXTENSIONS = /\.(ts|mts|js|mjs|cjs|sol)$/
const SKIP = new Set(['node_modules', 'dist', 'api', 'artifacts', 'fixtures'])

function walk(dir: string, keep: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...walk(path, keep))
    else if (keep(path)) out.push(path)
  }
  return out
}

const sourceFiles = SOURCE_DIRS.flatMap((dir) =>
  walk(join(root, dir), (file) => SOURCE_EXTENSIONS.test(file) || file.endsWith('.md')),
)
const markdownFiles = [
  join(root, 'README.md'),
  ...walk(join(root, 'docs'), (file) => file.endsWith('.md')),
  ...sourceFiles.filter((file) => file.endsWith('.md')),
]

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading) continue
    const slug = heading[1]!
      .replace(/<[^>]*>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    anchors.add(count === 0 ? slug : `${slug}-${count}`)
  }
  return anchors
}

const anchorCache = new Map<string, Set<string>>()
function anchors(file: string): Set<string> {
  let found = anchorCache.get(file)
  if (!found) {
    found = anchorsOf(readFileSync(file, 'utf8'))
    anchorCache.set(file, found)
  }
  return found
}

/** Why `target` (a Markdown file, maybe with `#anchor`) does not resolve, or undefined when it does. */
function brokenTarget(file: string, anchor: string | undefined): string | undefined {
  if (!existsSync(file)) return 'no such file'
  if (anchor !== undefined && !anchors(file).has(anchor)) return `no heading #${anchor}`
  return undefined
}

const at = (file: string, text: string, index: number) =>
  `${relative(root, file)}:${text.slice(0, index).split('\n').length}`

describe('docs references', () => {
  it('every docs/<page>.md#<section> named in the source exists', () => {
    const problems: string[] = []
    let references = 0
    for (const file of sourceFiles) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/(?<![\w/.-])docs\/([\w-]+\.md)(?:#([\w-]+))?/g)) {
        references++
        const why = brokenTarget(join(root, 'docs', match[1]!), match[2])
        if (why) problems.push(`${at(file, text, match.index)} ${match[0]}: ${why}`)
      }
    }
    expect(problems).toEqual([])
    expect(references).toBeGreaterThan(50) // the pattern still finds them
  })

  it('every relative Markdown link to a .md file resolves, sections included', () => {
    const problems: string[] = []
    for (const file of markdownFiles) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/\]\(([^)\s#]*)(?:#([^)\s]+))?\)/g)) {
        const [, target = '', anchor] = match
        if (/^[a-z]+:/i.test(target)) continue
        if (target === '' && anchor === undefined) continue
        if (target !== '' && !target.endsWith('.md')) {
          if (!existsSync(resolve(dirname(file), target)))
            problems.push(`${at(file, text, match.index)} ${target}: no such file`)
          continue
        }
        const why = brokenTarget(target === '' ? file : resolve(dirname(file), target), anchor)
        if (why) problems.push(`${at(file, text, match.index)} ${match[0]}: ${why}`)
      }
    }
    expect(problems).toEqual([])
  })

  it('no source cites the outside spec or "the seed" any more', () => {
    const self = fileURLToPath(import.meta.url)
    const citations = [
      /\bspec\s*(§|section\b|\d|['’]s\b|default\b|HEAD\b)/i,
      /\bhetu-spec\b/i,
      /§\s*\d/,
      /\bthe seed\b/i,
      /\bseed['’]s\b/i,
      /\bseed[- ](style|README|default|way|flows?)\b/i,
    ]
    const problems: string[] = []
    for (const file of sourceFiles) {
      if (file === self) continue
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (citations.some((pattern) => pattern.test(line)))
            problems.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`)
        })
    }
    expect(problems).toEqual([])
  })
})
