// Collects every error code the SDK throws from the source (each `super('CODE', …)` of a class that
// descends from HetuError, each `new SomeHetuError('CODE', …)`) and writes
//   - src/errorCodes.ts: the `HetuErrorCode` union (HetuError's constructor only takes these), and
//   - docs/errors.md: one section per code (anchor `#<code in lower case>`): what it means (the class's
//     doc comment), the class(es) that throw it and what to do (their hints).
// `--check` writes nothing and fails when either file is not what the source gives (test/docs/errors.test.ts
// runs the same check).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const ts = require('typescript')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const CODES_FILE = join(root, 'src', 'errorCodes.ts')
export const DOCS_FILE = join(root, 'docs', 'errors.md')
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{4,}$/

/** The heading anchor of a code in docs/errors.md (GitHub's: lower case, `_` kept). */
export const anchorOf = (code) => code.toLowerCase()

function sourceFiles(dir) {
  const out = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

/** A string-valued expression as text: `${…}` parts become `…`, alternatives are joined with " / ". */
function render(node) {
  if (!node) return undefined
  if (ts.isParenthesizedExpression(node)) return render(node.expression)
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((span) => `…${span.literal.text}`).join('')
  if (ts.isConditionalExpression(node)) {
    const parts = [render(node.whenTrue), render(node.whenFalse)].filter(Boolean)
    return parts.length ? parts.join(' / ') : undefined
  }
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind
    if (op === ts.SyntaxKind.PlusToken) {
      const parts = [render(node.left) ?? '…', render(node.right) ?? '…']
      return parts.join('')
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
      return render(node.right) ?? render(node.left)
  }
  return undefined
}

function docOf(node, sourceFile) {
  const ranges = ts.getLeadingCommentRanges(sourceFile.text, node.getFullStart()) ?? []
  const jsdoc = ranges.map((r) => sourceFile.text.slice(r.pos, r.end)).filter((c) => c.startsWith('/**'))
  const last = jsdoc.at(-1)
  if (!last) return undefined
  return last
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trim())
    .join('\n')
    .split(/\n\s*\n|\n@/)[0]
    .replace(/\s+/g, ' ')
    .replace(/\{@link ([^}]+)\}/g, '`$1`')
    .trim()
}

function hintIn(args) {
  for (const arg of args) {
    if (!ts.isObjectLiteralExpression(arg)) continue
    for (const prop of arg.properties)
      if (ts.isPropertyAssignment(prop) && prop.name.getText() === 'hint') return render(prop.initializer)
  }
  return undefined
}

/** Every code with the classes that throw it, read from the source. */
export function collectErrorCodes() {
  const files = sourceFiles(join(root, 'src')).filter((f) => f !== CODES_FILE)
  const parsed = files.map((file) =>
    ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
  )
  // Classes by name and what they extend, to know which descend from HetuError.
  const bases = new Map()
  const classDocs = new Map()
  for (const sf of parsed)
    ts.forEachChild(sf, function visit(node) {
      if (ts.isClassDeclaration(node) && node.name) {
        const ext = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)
        bases.set(node.name.text, ext?.types[0]?.expression.getText(sf))
        classDocs.set(node.name.text, docOf(node, sf))
      }
      ts.forEachChild(node, visit)
    })
  const isHetuError = (name) => {
    for (let n = name, i = 0; n && i < 20; n = bases.get(n), i++) if (n === 'HetuError') return true
    return false
  }

  const codes = new Map()
  const add = (code, entry) => {
    const list = codes.get(code) ?? []
    const same = list.find((e) => e.className === entry.className)
    if (!same) list.push({ ...entry, hints: entry.hint ? [entry.hint] : [] })
    else if (entry.hint && !same.hints.includes(entry.hint)) same.hints.push(entry.hint)
    codes.set(code, list)
  }
  for (const sf of parsed) {
    const where = relative(root, sf.fileName)
    const visit = (node, currentClass) => {
      if (ts.isClassDeclaration(node) && node.name) currentClass = node.name.text
      const isSuper = ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword
      const isNew = ts.isNewExpression(node) && ts.isIdentifier(node.expression)
      const className = isSuper ? currentClass : isNew ? node.expression.text : undefined
      if (className && isHetuError(className) && node.arguments) {
        const args = [...node.arguments]
        const index = args.findIndex((a) => ts.isStringLiteral(a) && CODE.test(a.text))
        // A code given by name in an options object (`new KeystoreCorruptedError({ code: '…' })`).
        const named = args
          .filter(ts.isObjectLiteralExpression)
          .flatMap((o) => o.properties)
          .find(
            (p) =>
              ts.isPropertyAssignment(p) && p.name.getText() === 'code' && ts.isStringLiteral(p.initializer),
          )
        if (index < 0 && named && CODE.test(named.initializer.text))
          add(named.initializer.text, {
            className,
            file: where,
            meaning: classDocs.get(className),
            hint: hintIn(args),
          })
        if (index >= 0) {
          const message = render(args[index + 1])
          const positionalHint = isNew && args.length > index + 2 ? render(args[index + 2]) : undefined
          add(args[index].text, {
            className,
            file: where,
            meaning: classDocs.get(className) ?? message,
            hint: hintIn(args) ?? positionalHint,
          })
        }
      }
      // A code given as a constructor parameter's default (`code = 'CONTRACT_REVERTED'`, also inside a
      // destructured parameter).
      const parameter = ts.isBindingElement(node) ? ts.findAncestor(node, ts.isParameter) : node
      if (
        (ts.isParameter(node) || (ts.isBindingElement(node) && node.name.getText() === 'code')) &&
        parameter &&
        currentClass &&
        isHetuError(currentClass) &&
        ts.isConstructorDeclaration(parameter.parent) &&
        node.initializer &&
        ts.isStringLiteral(node.initializer) &&
        CODE.test(node.initializer.text)
      ) {
        const ctor = parameter.parent
        // A `hint = '…'` default next to the code's.
        const sibling = ts.isBindingElement(node)
          ? node.parent.elements.find((e) => e.name.getText() === 'hint' && e.initializer)
          : undefined
        let hint = sibling ? render(sibling.initializer) : undefined
        ctor.body?.forEachChild(function find(n) {
          if (!hint && ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword)
            hint = hintIn([...n.arguments])
          n.forEachChild(find)
        })
        add(node.initializer.text, {
          className: currentClass,
          file: where,
          meaning: classDocs.get(currentClass),
          hint,
        })
      }
      ts.forEachChild(node, (child) => visit(child, currentClass))
    }
    visit(sf, undefined)
  }
  return new Map([...codes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export function renderCodesFile(codes) {
  return [
    '// Generated by scripts/errors-doc.mjs from the codes the source throws: do not edit by hand.',
    '// Run `node scripts/errors-doc.mjs` after adding a code (test/docs/errors.test.ts checks it).',
    '',
    '/** Every `code` a {@link HetuError} can have; each is explained in docs/errors.md. */',
    'export type HetuErrorCode =',
    ...[...codes.keys()].map((code) => `  | '${code}'`),
    '',
  ].join('\n')
}

const oneLine = (text) => text.replace(/\s+/g, ' ').trim()
const sentence = (text) => {
  const t = oneLine(text)
  return /[.!?)`]$/.test(t) ? t : `${t}.`
}

export function renderDocs(codes) {
  const lines = [
    '# Errors',
    '',
    'Every error the SDK throws is a `HetuError` (viem `BaseError` style) with a stable `code`, a one-line',
    '`shortMessage`, optional `details`, a `hint` saying what to do, and `docsPath`: the section of this page',
    "about its code. `err.code` is typed `HetuErrorCode`, the union of the codes below; each action's",
    '`…ErrorType` names the classes that action can throw.',
    '',
    '```ts',
    "import { HetuError } from 'hetu-subnet'",
    '',
    'try {',
    '  await hetu.registerNeuron({ netuid, isValidatorRole: false, axonEndpoint, axonPort })',
    '} catch (err) {',
    "  if (err instanceof HetuError && err.code === 'INSUFFICIENT_AVAILABLE_STAKE') {",
    '    // err.hint says what to do; err.meta has the amounts',
    '  } else throw err',
    '}',
    '```',
    '',
    'This page is generated from the source by `node scripts/errors-doc.mjs`: the meaning is the doc',
    "comment of the class, what to do its hint (`…` stands for values filled in when it's thrown).",
    '',
  ]
  for (const [code, entries] of codes) {
    lines.push(`## ${code}`, '')
    const meanings = [...new Set(entries.map((e) => e.meaning).filter(Boolean))]
    if (meanings.length) lines.push(meanings.map(sentence).join(' '), '')
    const classes = [...new Set(entries.map((e) => `\`${e.className}\` (${e.file})`))]
    lines.push(`Thrown as: ${classes.join(', ')}.`, '')
    const hints = [...new Set(entries.flatMap((e) => e.hints).map(sentence))]
    if (hints.length === 1) lines.push(`What to do: ${hints[0]}`, '')
    else if (hints.length > 1) lines.push('What to do:', '', ...hints.map((h) => `- ${h}`), '')
  }
  return `${lines.join('\n').trimEnd()}\n`
}

/** The two files as the source gives them. */
export function generate() {
  const codes = collectErrorCodes()
  return { codes, codesFile: renderCodesFile(codes), docs: renderDocs(codes) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { codes, codesFile, docs } = generate()
  const read = (file) => {
    try {
      return readFileSync(file, 'utf8')
    } catch {
      return undefined
    }
  }
  if (process.argv.includes('--check')) {
    const stale = [
      [CODES_FILE, codesFile],
      [DOCS_FILE, docs],
    ].filter(([file, text]) => read(file) !== text)
    if (stale.length) {
      console.error(
        `out of date: ${stale.map(([f]) => relative(root, f)).join(', ')}; run node scripts/errors-doc.mjs`,
      )
      process.exit(1)
    }
    console.log(`${codes.size} error codes, docs/errors.md up to date`)
  } else {
    writeFileSync(CODES_FILE, codesFile)
    writeFileSync(DOCS_FILE, docs)
    console.log(`${codes.size} error codes → src/errorCodes.ts, docs/errors.md`)
  }
}
