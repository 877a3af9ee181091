import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliSandbox, ensureCliBuilt, errorLines, ROOT } from './helpers.js'

const run = promisify(execFile)

// Completion scripts are generated from the program tree; bash, zsh and fish are real shells here
// (.ci/run installs zsh and fish the way it installs redis-server).
describe('hetu completion, -v and help', () => {
  const cli = new CliSandbox()
  const scripts: Record<string, string> = {}

  beforeAll(async () => {
    ensureCliBuilt()
    for (const shell of ['bash', 'zsh', 'fish']) {
      const result = await cli.run(['completion', shell])
      expect(result.code, result.stderr).toBe(0)
      scripts[shell] = join(cli.dir, `hetu.${shell}`)
      writeFileSync(scripts[shell]!, result.stdout)
    }
  })
  afterAll(() => cli.cleanup())

  /** What the bash completion function offers for `words`, the last one being completed. */
  async function bashComplete(...words: string[]): Promise<string[]> {
    const array = words.map((w) => `'${w}'`).join(' ')
    const { stdout } = await run('bash', [
      '-c',
      `source '${scripts.bash}'; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _hetu_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ])
    return stdout.split('\n').filter(Boolean)
  }

  it('bash completes commands, subcommands and options from the program tree', async () => {
    expect(await bashComplete('hetu', 'lo')).toEqual(['localnet'])
    expect(await bashComplete('hetu', 'localnet', 's')).toEqual(['start', 'status', 'stop'])
    // An alias leads to its group; a global option's value is skipped, not taken for a command.
    expect(await bashComplete('hetu', '--wallet', 'alice', 'w', 'tr')).toEqual(['transfer'])
    expect(await bashComplete('hetu', 'stake', 'allocate', '--f')).toEqual(['--force'])
    expect(await bashComplete('hetu', 'axon', 'serve', '--pass')).toEqual(['--password-env', '--password'])
    // The value of an option that takes one: nothing from us (bash falls back to file names).
    expect(await bashComplete('hetu', 'wallet', 'import', '--keystore', '')).toEqual([])
    const all = await bashComplete('hetu', '')
    expect(all).toEqual(expect.arrayContaining(['wallet', 'completion', 'metagraph', 'demo']))
  })

  it('zsh and fish scripts are valid and complete the same tree', async () => {
    await run('zsh', ['-n', scripts.zsh!])
    await run('fish', ['-n', scripts.fish!])
    const { stdout: zsh } = await run('zsh', [
      '-c',
      `autoload -U compinit && compinit -u -d '${cli.dir}/zcompdump' && source '${scripts.zsh}' && whence -w _hetu && _hetu_commands localnet && print -r -- $REPLY`,
    ])
    expect(zsh).toContain('_hetu: function')
    expect(zsh).toContain('start status stop')
    const { stdout: fish } = await run(
      'fish',
      [
        '--no-config',
        '-c',
        `source '${scripts.fish}'; complete -C 'hetu lo'; complete -C 'hetu localnet st'`,
      ],
      { env: { ...cli.env, XDG_CONFIG_HOME: cli.dir, XDG_DATA_HOME: cli.dir } },
    )
    const words = fish.split('\n').map((line) => line.split('\t')[0])
    expect(words).toEqual(['localnet', 'start', 'status', 'stop', ''])
  })

  it('an unknown shell is a one-line error', async () => {
    const result = await cli.run(['completion', 'tcsh'])
    expect(result.code).toBe(1)
    expect(errorLines(result.stderr).errors).toEqual([
      'error: Invalid shell "tcsh": expected bash, zsh, fish.',
    ])
  })

  it('-v, -V and --version print the version', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default
    for (const flag of ['-v', '-V', '--version']) expect((await cli.run([flag])).stdout).toBe(`${version}\n`)
  })

  it("every command group's help fits 80 columns (descriptions wrap)", async () => {
    const { stdout } = await run('bash', ['-c', `source '${scripts.bash}'; _hetu_commands ''; echo $REPLY`])
    const groups = stdout.trim().split(' ')
    expect(groups.length).toBeGreaterThan(10)
    for (const group of groups) {
      const help = (await cli.run([group, '--help'])).stdout
      const wide = help.split('\n').filter((line) => [...line].length > 80)
      expect({ group, wide }).toEqual({ group, wide: [] })
    }
  })
})

describe('bin/hetu.js before a build', () => {
  it('says to run npm run build, in one line plus a hint, without a stack', async () => {
    const cli = new CliSandbox()
    try {
      mkdirSync(join(cli.dir, 'clone', 'bin'), { recursive: true })
      copyFileSync(join(ROOT, 'bin', 'hetu.js'), join(cli.dir, 'clone', 'bin', 'hetu.js'))
      writeFileSync(join(cli.dir, 'clone', 'package.json'), '{ "type": "module" }\n')
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [join(cli.dir, 'clone', 'bin', 'hetu.js'), '--help'],
          (error, _o, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
        )
      })
      expect(result.code).toBe(1)
      const { errors, stackFrames } = errorLines(result.stderr)
      expect(errors).toEqual([
        expect.stringMatching(/^error: the hetu CLI is not built \(.*dist\/cli\/index\.js is missing\)$/),
      ])
      expect(stackFrames).toEqual([])
      expect(result.stderr).toMatch(/^hint: run `npm run build` in /m)
    } finally {
      cli.cleanup()
    }
  })
})
