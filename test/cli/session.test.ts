import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Dendrite, parseHetu, Synapse } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { CliSandbox, ensureCliBuilt, errorLines, type Json } from './helpers.js'

// A user's whole session, each step a spawned `node bin/hetu.js …` against a real localnet, with real
// keystores in a temp dir. Steps build on each other, in order.
describe('hetu CLI session: wallets → subnet → stake → neurons → axon/validator → weights → rewards', () => {
  let net: Localnet & { emission: NonNullable<Localnet['emission']> }
  let cli: CliSandbox
  const PW = { PW: 'correct horse battery staple' }
  const as = (wallet: string) => ['--wallet', wallet, '--password-env', 'PW']
  let validatorHotkey: string
  let minerHotkey: string
  let netuid: number

  beforeAll(async () => {
    ensureCliBuilt()
    // The chain's part runs too: a block every 250 ms with emission, pool injections and an epoch every
    // 5 blocks, so the session reaches rewards.
    // Fixed rules: registering with some hyperparameters needs defaults that pass validation, a
    // deregistration releases the stake, validators earn stake-weighted dividends.
    net = await startLocalnet({ rules: 'fixed', emission: { blockTime: 0.25, tempo: 4 } })
    cli = new CliSandbox(PW)
    // As `hetu localnet` does: the CLI finds the chain through this file, with no flags at all.
    cli.announce(net)
  })
  afterAll(async () => {
    await net?.stop()
    cli?.cleanup()
  })

  it('imports a funded key and creates two wallets; lists them without a password', async () => {
    const owner = await cli.json(
      ['wallet', 'import', 'owner', '--private-key-env', 'KEY', '--single-key', ...as('owner')],
      {
        KEY: net.accounts[0]!.privateKey,
      },
    )
    expect(owner.coldkeyAddress).toBe(privateKeyToAccount(net.accounts[0]!.privateKey).address)
    const [created, miner] = await Promise.all([
      cli.run(['wallet', 'create', 'validator', '--json', '--password-env', 'PW']),
      cli.json(['wallet', 'create', 'miner', '--password-env', 'PW']),
    ])
    const validator = JSON.parse(created.stdout)
    // Random keys: the keystore files are their only copy, and the user is told so.
    expect(created.stderr).toContain(`Back up ${validator.path}`)
    validatorHotkey = validator.hotkeyAddress
    minerHotkey = miner.hotkeyAddress
    expect(validatorHotkey).not.toBe(validator.coldkeyAddress)
    const list = await cli.json(['wallet', 'list'])
    expect(list.wallets.map((w: Json) => w.name)).toEqual(['miner', 'owner', 'validator'])
    const text = JSON.stringify(list) + JSON.stringify(owner)
    expect(text).not.toContain(net.accounts[0]!.privateKey.slice(2))
  })

  it('funds the new wallets’ hotkeys (after a confirmation) and shows their balances', async () => {
    // Like subnet registration: without a terminal to answer on, only --yes sends.
    const unconfirmed = await cli.run([...as('owner'), 'wallet', 'transfer', 'validator', '2000'])
    expect(unconfirmed.code).toBe(1)
    expect(errorLines(unconfirmed.stderr).errors).toEqual([
      expect.stringMatching(
        /^error: Needs confirmation: Send 2000 HETU from 0x[0-9a-fA-F]{40} to validator's hotkey 0x[0-9a-fA-F]{40}\?$/,
      ),
    ])
    const sent = await cli.json([...as('owner'), 'wallet', 'transfer', 'validator', '2000', '--yes'])
    expect(sent).toMatchObject({ to: validatorHotkey, amount: parseHetu('2000').toString(), token: 'HETU' })
    await cli.json([...as('owner'), 'wallet', 'transfer', 'miner', '500hetu', '--yes'])
    const shown = await cli.json(['wallet', 'show', 'validator'])
    const hotkey = shown.keys.find((k: Json) => k.key === 'hotkey')
    expect(hotkey).toMatchObject({
      address: validatorHotkey,
      native: parseHetu('2000').toString(),
      totalStaked: '0',
    })
  })

  it('reads the lock cost, registers and activates a subnet with a custom tempo', async () => {
    const cost = await cli.json(['subnet', 'lock-cost'])
    expect(cost.lockCost).toBe(parseHetu('100').toString())
    // One block of rate limit on the localnet: a singular noun.
    expect((await cli.run(['subnet', 'lock-cost'])).stdout).toMatch(/^rate limit\s+1 block \(next/m)
    const created = await cli.json([
      ...as('owner'),
      '--yes',
      'subnet',
      'register',
      '--name',
      'AI Compute',
      '--description',
      'Distributed AI computation',
      '--token-name',
      'AI Token',
      '--token-symbol',
      'AIT',
      '--set',
      'tempo=9',
      'neuronThreshold=200hetu',
      '--activate',
    ])
    netuid = created.netuid
    expect(netuid).toBe(1)
    expect(created.lockedAmount).toBe(cost.lockCost)
    expect(created.activation.netuid).toBe(1)
    const [list, params] = await Promise.all([
      cli.json(['subnet', 'list']),
      cli.json(['subnet', 'params', '1']),
    ])
    expect(list.subnets).toHaveLength(1)
    expect(list.subnets[0]).toMatchObject({ netuid: 1, name: 'AI Compute', isActive: true })
    expect(params.params).toMatchObject({ tempo: 9, neuronThreshold: parseHetu('200').toString() })
  })

  it('stakes and registers a validator; the stake shows as allocated', async () => {
    const staked = await cli.json([...as('validator'), 'stake', 'add', '1000'])
    expect(staked.prerequisites.map((p: Json) => p.step)).toEqual(['wrap', 'approve'])
    const registered = await cli.json([
      ...as('validator'),
      'neuron',
      'register',
      '1',
      '--role',
      'validator',
      '--stake',
      '600',
    ])
    expect(registered).toMatchObject({
      account: validatorHotkey,
      isValidator: true,
      fee: parseHetu('1').toString(),
    })
    const info = await cli.json(['stake', 'info', validatorHotkey])
    expect(info).toMatchObject({
      totalStaked: parseHetu('1000').toString(),
      totalAllocated: parseHetu('600').toString(),
      available: parseHetu('399').toString(),
    })
    expect(info.allocations).toEqual([
      expect.objectContaining({ netuid: 1, allocated: parseHetu('600').toString() }),
    ])
  })

  let axon: ReturnType<CliSandbox['spawn']>
  let axonPort: number

  it('registers a miner, serves its axon and publishes the endpoint on chain', async () => {
    const registered = await cli.json([...as('miner'), 'neuron', 'register', '1', '--axon-port', '1'])
    expect(registered).toMatchObject({
      account: minerHotkey,
      isValidator: false,
      stake: parseHetu('200').toString(),
    })
    axon = cli.spawn([
      ...as('miner'),
      '--json',
      'axon',
      'serve',
      '--ip',
      '127.0.0.1',
      '--port',
      '0',
      '--netuid',
      '1',
      '--no-prometheus',
    ])
    const served = JSON.parse(await axon.firstLine)
    expect(served.hotkey).toBe(minerHotkey)
    axonPort = served.port
    const info = await cli.json(['neuron', 'info', '1', '--wallet', 'miner'])
    expect(info).toMatchObject({ account: minerHotkey, axonEndpoint: '127.0.0.1', axonPort, isActive: true })
  })

  it('runs a validator round: queries the miner, takes the consensus, sets weights', async () => {
    const result = await cli.run([...as('validator'), '--json', 'validator', 'run', '1', '--rounds', '1'])
    expect(result.code, result.stderr).toBe(0)
    const round = JSON.parse(result.stdout.trim().split('\n')[0]!)
    expect(round.selected).toEqual([minerHotkey])
    expect(round.responses).toEqual([
      expect.objectContaining({
        miner: minerHotkey,
        result: { completion: expect.stringMatching(/^Result: /) },
      }),
    ])
    expect(round.aggregation.outcome).toBe('consensus')
    expect(round.weights).toEqual([{ dest: minerHotkey, weight: 1_000_000 }])
    expect(round.weightsSet.hash).toMatch(/^0x[0-9a-f]{64}$/)
    const weights = await cli.json(['weights', 'get', '1', '--wallet', 'validator'])
    expect(weights.weights).toEqual([{ dest: minerHotkey, weight: '1000000' }])
  })

  it('the served miner admits only subnet 1’s validators: a stranger’s signed request gets 403', async () => {
    // A random key, not registered: signs correctly, yet is refused from its headers.
    await using stranger = new Dendrite()
    const target = { ip: '127.0.0.1', port: axonPort, hotkey: minerHotkey }
    const answer = await stranger.query(target, new Synapse({ completion: 'add 1 2' }), { timeout: 5_000 })
    expect(answer.statusCode).toBe(403)
    expect(answer.statusMessage).toMatch(/not a registered validator of subnet 1/)
  })

  it('sets weights inline and from a file', async () => {
    const inline = await cli.json([...as('validator'), 'weights', 'set', '1', `${minerHotkey}=25%`])
    expect(inline.weights).toEqual([{ dest: minerHotkey, weight: '250000' }])
    const file = join(cli.dir, 'weights.json')
    writeFileSync(file, JSON.stringify({ [minerHotkey]: 0.75 }))
    const fromFile = await cli.json([...as('validator'), 'weights', 'set', '1', '--file', file])
    expect(fromFile.weights).toEqual([{ dest: minerHotkey, weight: '750000' }])
  })

  it('shows the metagraph and the neuron list, as JSON and as an aligned table', async () => {
    const graph = await cli.json(['metagraph', '1'])
    expect(graph.neurons.map((n: Json) => [n.hotkey, n.isValidator])).toEqual([
      [validatorHotkey, true],
      [minerHotkey, false],
    ])
    expect(graph.totalStake).toBe(parseHetu('800').toString())
    expect(graph.neurons[1]).toMatchObject({
      uid: 1,
      axon: `http://127.0.0.1:${axonPort}`,
    })
    // A validator registered without --axon-port announces no axon (not a miner's default 8091).
    expect(graph.neurons[0]).toMatchObject({ uid: 0, axon: '' })
    // The localnet's --tempo 4 runs the epochs, whatever the subnet's parameter (9) says; both are shown.
    expect(graph).toMatchObject({ tempo: 9, epochTempo: 4 })
    const shown = (await cli.run(['metagraph', '1'])).stdout.split('\n')
    expect(shown[0]).toMatch(
      /, tempo 4 \(an epoch every 5 blocks: the localnet's --tempo; the subnet's parameter says 9\)$/,
    )
    expect(shown[0]).toContain(': 2 neurons (1 validator),')
    expect(shown[1]).toMatch(/\sEMISSION \(ALPHA\/EPOCH\)\s+AXON$/)
    expect(shown[2]).toMatch(/\s-$/) // the validator's AXON
    // The validator's weights (set by the step above, then by hand) as the metagraph reads them.
    expect(graph.neurons[0].weights).toEqual([{ uid: 1, hotkey: minerHotkey, weight: '750000' }])
    expect(graph.neurons[1].incentive).toBeCloseTo(1)
    const table = await cli.run(['neuron', 'list', '1'])
    const lines = table.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^ADDRESS\s+ROLE\s+ACTIVE\s+STAKE\s+AXON$/)
    expect(lines).toHaveLength(3)
    // Aligned: every row starts its ROLE column where the header does.
    const roleColumn = lines[0]!.indexOf('ROLE')
    for (const line of lines.slice(1)) expect(line.slice(roleColumn)).toMatch(/^(validator|miner)\s/)
    // The AXON column as the metagraph shows it: `-` for the validator, which announces none.
    expect(lines.find((line) => / validator /.test(line))).toMatch(/\s-$/)
    expect(lines.find((line) => / miner /.test(line))).toMatch(/\s127\.0\.0\.1:\d+$/)
  })

  it("serves clients: `validator run --serve` answers `hetu query` with the miner's consensus; its gateway becomes the validator's endpoint", async () => {
    const gateway = cli.spawn([
      ...as('validator'),
      'validator',
      'run',
      '1',
      '--serve',
      '0',
      '--serve-ip',
      '127.0.0.1',
      '--organic-only',
    ])
    gateway.firstLine.catch(() => {}) // its lines are read from stdout() below
    try {
      for (let i = 0; i < 200 && !gateway.stderr().includes('serving clients at'); i++)
        await new Promise((r) => setTimeout(r, 100))
      expect(gateway.stderr()).toMatch(/serving clients at 127\.0\.0\.1:\d+/)
      const answer = await cli.json(['query', '1', 'add 20 22'])
      expect(answer).toMatchObject({
        answer: 'Result: 20 + 22 = 42',
        agreement: 1,
        asked: [minerHotkey],
        agreeing: [minerHotkey],
        validator: {
          hotkey: validatorHotkey,
          endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        },
      })
      const graph = await cli.json(['metagraph', '1'])
      expect(graph.neurons[0]).toMatchObject({ hotkey: validatorHotkey, axon: answer.validator.endpoint })
      const text = await cli.run(['query', '1', 'multiply 6 7'])
      expect(text.code, text.stderr).toBe(0)
      expect(text.stdout).toMatch(
        /^Result: 6 \* 7 = 42\nconsensus: 100% agreement \(1 of 1 answers, 1 miner asked\)/,
      )
      expect(gateway.stdout()).toMatch(/^client request: ok, agreement 100% \(1 of 1 answers, 1 asked\)/m)
      const unknown = await cli.run(['query', '1', 'x', '--synapse', 'Nobody'])
      expect(unknown.code).toBe(1)
      expect(unknown.stderr).toMatch(/No validator of subnet 1 serves Nobody to clients/)
    } finally {
      gateway.child.kill('SIGTERM')
    }
    expect(await gateway.exited).toBe(0)
  })

  it('pays rewards at the epoch: the metagraph shows the miner’s Alpha and incentive', async () => {
    // The next epoch of subnet 1 that pays anyone, then one more block so its mints have landed.
    const epoch = await net.emission.next(
      'epoch',
      (e) => e.netuid === 1 && e.participants.some((p) => p.address === minerHotkey && p.payout > 0n),
    )
    await net.emission.next('block')
    const graph = await cli.json(['metagraph', '1'])
    const miner = graph.neurons.find((n: Json) => n.hotkey === minerHotkey)
    expect(BigInt(miner.alphaBalance)).toBeGreaterThan(0n)
    expect(miner.incentive).toBeCloseTo(1)
    // EMISSION is Alpha per epoch of the localnet's tempo: what the epoch just paid the miner, give or
    // take the few blocks of issuance since.
    const paid = epoch.participants.find((p) => p.address === minerHotkey)!.payout
    expect(Number(BigInt(miner.emission)) / Number(paid)).toBeCloseTo(1, 1)
    const shown = await cli.json(['wallet', 'show', 'miner'])
    const hotkey = shown.keys.find((k: Json) => k.key === 'hotkey')
    expect(hotkey.alpha).toEqual([{ netuid: 1, balance: expect.stringMatching(/^[1-9]\d*$/) }])
    const pool = await cli.json(['amm', 'pool', '1'])
    expect(BigInt(pool.subnetHetu)).toBeGreaterThan(parseHetu('100')) // emission injected into the pool
  })

  it('moves allocation to a second subnet and back out', async () => {
    await cli.json([
      ...as('owner'),
      '--yes',
      'subnet',
      'register',
      '--name',
      'two',
      '--token-name',
      'Two',
      '--token-symbol',
      'TWO',
      '--activate',
    ])
    const moved = await cli.json([...as('validator'), 'stake', 'move', '1', '2', '50', '--force'])
    expect(moved).toMatchObject({ fromNetuid: 1, toNetuid: 2, allocated: parseHetu('50').toString() })
    await cli.json([...as('validator'), 'stake', 'deallocate', '2', '50'])
    const info = await cli.json(['stake', 'info', validatorHotkey])
    expect(info.allocations.map((a: Json) => [a.netuid, a.allocated])).toEqual([
      [1, parseHetu('550').toString()],
    ])
  })

  it('deregisters the miner; the axon stops cleanly on SIGTERM', async () => {
    await cli.json([...as('miner'), 'neuron', 'deregister', '1'])
    expect((await cli.json(['neuron', 'list', '1'])).neurons.map((n: Json) => n.account)).toEqual([
      validatorHotkey,
    ])
    axon.child.kill('SIGTERM')
    expect(await axon.exited).toBe(0)
  })

  it('exports a key only after confirmation, and warns about --password', async () => {
    const refused = await cli.run(['wallet', 'export', 'owner', '--password-env', 'PW'])
    expect(refused.code).not.toBe(0)
    expect(refused.stdout).toBe('')
    expect(errorLines(refused.stderr).errors).toEqual([expect.stringMatching(/Needs confirmation/)])
    const exported = await cli.run(['wallet', 'export', 'owner', '--password', PW.PW, '--yes'])
    expect(exported.code).toBe(0)
    expect(exported.stdout.trim()).toBe(net.accounts[0]!.privateKey)
    expect(exported.stderr).toMatch(/warning: --password is visible/)
  })
})
