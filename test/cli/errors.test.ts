import { createServer as createHttpServer } from 'node:http'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { CliSandbox, ensureCliBuilt, errorLines } from './helpers.js'

// Every bad input gives one `error:` line (plus a `hint:`), no stack trace, nothing on stdout and a
// non-zero exit code.
describe('hetu CLI bad inputs', () => {
  let net: Localnet
  let cli: CliSandbox
  let closedPort: number
  const funded = ['--wallet', 'funded', '--password-env', 'PW']
  const broke = ['--wallet', 'broke', '--password-env', 'PW']
  const ZERO = '0x0000000000000000000000000000000000000001'

  beforeAll(async () => {
    ensureCliBuilt()
    net = await startLocalnet()
    cli = new CliSandbox({ PW: 'pw', WRONG_PW: 'not the password' })
    cli.announce(net)
    closedPort = await freePort()
    const created = await Promise.all([
      cli.run(['wallet', 'import', 'funded', '--private-key-env', 'KEY', '--password-env', 'PW'], {
        KEY: net.accounts[1]!.privateKey,
      }),
      cli.run(['wallet', 'create', 'broke', '--password-env', 'PW']),
    ])
    for (const result of created) expect(result.code, result.stderr).toBe(0)
  })
  afterAll(async () => {
    await net?.stop()
    cli?.cleanup()
  })

  const cases: { name: string; args: () => string[]; env?: NodeJS.ProcessEnv; message: RegExp }[] = [
    {
      name: 'unknown subnet (info)',
      args: () => ['subnet', 'info', '99'],
      message: /Subnet 99 does not exist/,
    },
    {
      name: 'unknown subnet (neuron list)',
      args: () => ['neuron', 'list', '42'],
      message: /Subnet 42 does not exist/,
    },
    {
      name: 'unknown subnet (register)',
      args: () => [...funded, 'neuron', 'register', '7'],
      message: /Subnet 7 does not exist|subnet 7/i,
    },
    {
      name: 'unknown subnet (metagraph)',
      args: () => ['metagraph', '77'],
      message: /Subnet 77 does not exist/,
    },
    { name: 'netuid not a number', args: () => ['subnet', 'params', 'one'], message: /Invalid netuid "one"/ },
    { name: 'negative amount', args: () => [...funded, 'stake', 'add', '-5'], message: /negative/ },
    {
      name: 'negative amount as option',
      args: () => [...funded, 'neuron', 'register', '1', '--stake', '-1'],
      message: /negative/,
    },
    {
      name: 'amount with exponent',
      args: () => [...funded, 'stake', 'add', '1e18'],
      message: /Invalid amount "1e18"/,
    },
    {
      name: 'amount with two dots',
      args: () => [...funded, 'stake', 'add', '1.2.3'],
      message: /Invalid amount "1.2.3"/,
    },
    {
      name: 'amount with unknown unit',
      args: () => [...funded, 'stake', 'add', '10eth'],
      message: /unknown unit "eth"/,
    },
    {
      name: 'amount below one wei',
      args: () => [...funded, 'stake', 'add', '0.0000000000000000001'],
      message: /more than 18 decimals/,
    },
    { name: 'fractional wei', args: () => [...funded, 'stake', 'add', '1.5wei'], message: /no fraction/ },
    {
      name: 'zero amount',
      args: () => [...funded, 'wallet', 'transfer', ZERO, '0'],
      message: /must be more than 0/,
    },
    {
      name: 'words for an amount',
      args: () => [...funded, 'wallet', 'transfer', ZERO, 'ten'],
      message: /Invalid amount "ten"/,
    },
    {
      name: 'wrong password',
      args: () => ['--wallet', 'funded', '--password-env', 'WRONG_PW', 'stake', 'add', '1'],
      message: /Wrong password/,
    },
    {
      name: 'password variable not set',
      args: () => ['--wallet', 'funded', '--password-env', 'NOPE', 'stake', 'add', '1'],
      message: /\$NOPE, which is not set/,
    },
    {
      name: 'no password source and no terminal',
      args: () => ['--wallet', 'funded', 'stake', 'add', '1'],
      message: /no terminal to ask it on/,
    },
    {
      name: 'unknown wallet',
      args: () => ['--wallet', 'ghost', '--password-env', 'PW', 'stake', 'add', '1'],
      message: /Wallet "ghost" not found/,
    },
    {
      name: 'no network reachable',
      args: () => ['--rpc-url', `http://127.0.0.1:${closedPort}`, 'subnet', 'list'],
      message: /is not reachable/,
    },
    {
      name: 'unknown network name',
      args: () => ['--network', 'atlantis', 'subnet', 'list'],
      message: /Unknown Hetu network "atlantis"/,
    },
    {
      name: 'insufficient funds',
      args: () => [...broke, 'stake', 'add', '10'],
      message: /not enough native HETU/,
    },
    {
      name: 'insufficient funds for a transfer',
      args: () => [...funded, 'wallet', 'transfer', ZERO, '5000000'],
      message: /not enough native HETU/,
    },
    { name: 'malformed address', args: () => ['stake', 'info', '0x1234'], message: /not a 0x address/ },
    {
      name: 'axon serve admitting validators without a subnet',
      args: () => [...funded, 'axon', 'serve', '--port', '0', '--no-prometheus'],
      message: /Invalid --allow "validators": admitting only validators needs the subnet/,
    },
    {
      name: 'axon serve with an unknown --allow',
      args: () => [...funded, 'axon', 'serve', '--netuid', '1', '--allow', 'everyone'],
      message: /Invalid --allow "everyone": expected validators or any/,
    },
    {
      name: 'weight above the scale',
      args: () => [...funded, 'weights', 'set', '1', `${ZERO}=1000001`],
      message: /above 1000000/,
    },
    {
      name: 'bad --key',
      args: () => [...funded, '--key', 'warmkey', 'stake', 'add', '1'],
      message: /expected hotkey or coldkey/,
    },
    {
      name: 'unknown hyperparameter',
      args: () => [
        ...funded,
        '--yes',
        'subnet',
        'register',
        '--name',
        'x',
        '--token-name',
        'X',
        '--token-symbol',
        'X',
        '--set',
        'speed=9',
      ],
      message: /Invalid hyperparameter "speed"/,
    },
    {
      name: 'confirmation needed without a terminal',
      args: () => [
        ...funded,
        'subnet',
        'register',
        '--name',
        'x',
        '--token-name',
        'X',
        '--token-symbol',
        'X',
      ],
      message: /Needs confirmation/,
    },
    {
      name: 'unknown option',
      args: () => ['subnet', 'list', '--colour'],
      message: /unknown option '--colour'/,
    },
    { name: 'missing argument', args: () => ['stake', 'add'], message: /missing required argument 'amount'/ },
    {
      name: 'unknown localnet rule set',
      args: () => ['localnet', '--rules', 'strict', '--port', '0'],
      message: /Unknown localnet rule set "strict"/,
    },
  ]

  // Independent runs: concurrently, a few processes at a time.
  it.concurrent.each(cases)('$name', async ({ args, env, message }) => {
    const result = await cli.run(args(), env)
    expect(result.code, result.stderr).not.toBe(0)
    expect(result.stdout).toBe('')
    const { errors, stackFrames } = errorLines(result.stderr)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(message)
    expect(stackFrames).toEqual([])
  })

  it('usage errors are short: one error line, a near-miss suggestion, where to find help', async () => {
    const unknown = await cli.run(['frobnicate'])
    expect(unknown.code).not.toBe(0)
    expect(unknown.stderr.trim().split('\n')).toEqual([
      "error: unknown command 'frobnicate'",
      '(`hetu --help` lists the commands, `hetu <command> --help` their options)',
    ])
    const typo = await cli.run(['subnet', 'regster'])
    expect(typo.stderr).toMatch(/\(Did you mean register\?\)/)
    expect(typo.stderr.trim().split('\n').length).toBeLessThanOrEqual(3)
  })

  it('prints the stack only with --verbose', async () => {
    const result = await cli.run(['--verbose', 'subnet', 'info', '99'])
    expect(result.code).not.toBe(0)
    expect(errorLines(result.stderr).stackFrames.length).toBeGreaterThan(0)
    // The frames follow the one-line message; the SDK's hint (SDK option names) and docs path are not
    // repeated, and no line points at a docs page that does not exist.
    expect(result.stderr).not.toMatch(/^(Hint|Docs): /m)
  })

  it('--network with an unknown name answers in CLI terms, with and without --verbose', async () => {
    for (const verbose of [[], ['--verbose']]) {
      const result = await cli.run([...verbose, '--network', 'nosuch', 'subnet', 'list'])
      expect(result.code).toBe(1)
      expect(errorLines(result.stderr).errors).toEqual(['error: Unknown Hetu network "nosuch".'])
      expect(result.stderr).toMatch(/^hint: See the networks with `hetu network list`/m)
      expect(result.stderr).not.toMatch(/rpcUrl|contracts: \{/)
    }
  })

  it('an HTTP server that is not a JSON-RPC node: one line that names its answer, and a CLI hint', async () => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    try {
      for (const args of [
        ['subnet', 'list'],
        ['metagraph', '1'],
      ]) {
        const result = await cli.run(['--rpc-url', url, ...args])
        expect(result.code).toBe(1)
        expect(errorLines(result.stderr)).toEqual({
          errors: [`error: The node rejected the request: ${url} answered HTTP 404, not JSON-RPC`],
          stackFrames: [],
        })
        expect(result.stderr).toMatch(
          /^hint: Check that --rpc-url .* is the JSON-RPC endpoint of a Hetu node\.$/m,
        )
      }
    } finally {
      server.close()
    }
  })

  it('an unreachable RPC says why without --verbose: the failure and the attempts, on a details line', async () => {
    const result = await cli.run(['--rpc-url', 'http://127.0.0.1:9/v3/SECRET-KEY', 'subnet', 'list'])
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toEqual([
      'error: The RPC endpoint http://127.0.0.1:9/… is not reachable.',
      'hint: Check that the node runs and answers at that URL (from --rpc-url, --network, HETU_RPC_URL or the config file); `hetu localnet` starts a local chain.',
      'details: HTTP request failed: connect ECONNREFUSED 127.0.0.1:9 (after 4 attempts)',
    ])
  })

  it('an RPC URL of a scheme the SDK does not speak (ws://) is said at once, not as unreachable', async () => {
    const result = await cli.run(['--rpc-url', 'ws://127.0.0.1:8546', 'subnet', 'list'])
    expect(result.code).toBe(1)
    expect(errorLines(result.stderr)).toEqual({
      errors: [
        "error: Invalid rpcUrl: ws:// is not supported (JSON-RPC over http:// or https:// only; use the node's HTTP endpoint).",
      ],
      stackFrames: [],
    })
    expect(result.stderr).toMatch(/^hint: Pass e\.g\. http:\/\/127\.0\.0\.1:8545\.$/m)
    expect(result.stderr).not.toMatch(/not reachable/)
  })

  it('a result that cannot be written (a full disk) is one error line and exit code 1', async () => {
    for (const args of [
      ['subnet', 'list', '--json'],
      ['wallet', 'list', '--json'],
    ]) {
      const result = await cli.run(args, {}, { stdout: '/dev/full' })
      expect(result.code, result.stderr).toBe(1)
      expect(errorLines(result.stderr)).toEqual({
        errors: ['error: could not write the output: ENOSPC: no space left on device, write'],
        stackFrames: [],
      })
    }
  })

  it('keeps secrets out of errors: a wrong password is never echoed', async () => {
    const result = await cli.run([
      '--wallet',
      'funded',
      '--password-env',
      'WRONG_PW',
      'wallet',
      'export',
      '--yes',
    ])
    expect(result.code).not.toBe(0)
    expect(result.stderr).not.toContain('not the password')
    expect(result.stderr).not.toContain(net.accounts[1]!.privateKey.slice(2))
  })
})

/** A port nothing listens on: bind, read, close. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
