import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { createPublicClient, http, type PublicClient, parseEther } from 'viem'
import { describe, expect, it, onTestFinished } from 'vitest'
import { GlobalStakingAbi, SubnetManagerAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { rpc } from '../../src/chain/reads.js'
import { MULTICALL3_ADDRESS, SYSTEM_ADDRESS } from '../../src/localnet/deploy.js'
import { type LocalnetInfo, startLocalnet } from '../../src/localnet/localnet.js'
import { ensureCliBuilt } from '../cli/helpers.js'

function alive(pid: number) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('startLocalnet', () => {
  it('deploys, wires and funds everything, then stops', async () => {
    const net = await startLocalnet()
    try {
      expect(net.chainId).toBe(560002)
      const client = createPublicClient({ transport: http(net.rpcUrl) })
      expect(await client.getChainId()).toBe(560002)
      for (const address of Object.values(net.contracts)) {
        expect((await client.getCode({ address }))?.length ?? 0).toBeGreaterThan(2)
      }
      expect(net.contracts.Multicall3).toBe(MULTICALL3_ADDRESS)
      const [whetu, authorized, rateLimit, lockCost] = await client.multicall({
        multicallAddress: net.contracts.Multicall3,
        allowFailure: false,
        contracts: [
          {
            address: net.contracts.WHETU,
            abi: WHETUAbi,
            functionName: 'balanceOf',
            args: [net.accounts[3]!.address],
          },
          {
            address: net.contracts.GlobalStaking,
            abi: GlobalStakingAbi,
            functionName: 'authorizedCallers',
            args: [net.contracts.NeuronManager],
          },
          { address: net.contracts.SubnetManager, abi: SubnetManagerAbi, functionName: 'networkRateLimit' },
          { address: net.contracts.SubnetManager, abi: SubnetManagerAbi, functionName: 'getNetworkLockCost' },
        ],
      })
      expect(whetu).toBe(parseEther('100000'))
      expect(authorized).toBe(true)
      expect(rateLimit).toBe(1n)
      expect(lockCost).toBe(parseEther('100'))
      expect(net.systemAddress).toBe(SYSTEM_ADDRESS)
      expect(JSON.parse(JSON.stringify(net))).toMatchObject({ rpcUrl: net.rpcUrl, chainId: 560002 })
    } finally {
      await net.stop()
    }
    expect(alive(net.pid)).toBe(false)
  })

  it('hands over a quiet chain: the deploy, the rate-limit block, then only the blocks someone mines', async () => {
    // The deploy once let anvil's automine and its own evm_mine race for the same pooled transactions;
    // the loser mined empty blocks, often after startLocalnet returned (7 starts in 20 with 40 accounts),
    // which the emission module then took for blocks mined by someone else ("late").
    for (let start = 0; start < 5; start++) {
      await using net = await startLocalnet({ accounts: 40, emission: { manual: true } })
      const head = net.emission.lastBlock
      expect(head).toBe(BigInt(net.deployBlock) + 1n)
      const mined = [...(await net.emission.mine()), ...(await net.emission.mine())]
      expect(mined.map((r) => [r.block, r.late])).toEqual([
        [head + 1n, false],
        [head + 2n, false],
      ])
      expect(BigInt(await rpc<string>(net.rpcUrl, 'eth_blockNumber'))).toBe(head + 2n)
    }
  })
})

/** What the deployed contracts say about their rule set. */
const publicRulesOf = (client: PublicClient, net: Pick<LocalnetInfo, 'contracts'>) =>
  client.readContract({
    address: net.contracts.SubnetManager,
    abi: SubnetManagerAbi,
    functionName: 'publicRules',
  })

describe('startLocalnet rule sets', () => {
  it('defaults to public: the contracts keep the public quirks, emission pays by the chain’s rules', async () => {
    // An explicit emission option wins over the rule set's default.
    await using net = await startLocalnet({ emission: { manual: true, dividends: 'bondHolder' } })
    expect(net.toJSON()).toMatchObject({
      rules: 'public',
      emission: { payout: 'chain', dividends: 'bondHolder' },
    })
    expect(await publicRulesOf(createPublicClient({ transport: http(net.rpcUrl) }), net)).toBe(true)
  })

  it('fixed: our fixes, conserving payouts and dividends to bond holders unless told otherwise', async () => {
    await using net = await startLocalnet({ rules: 'fixed', emission: { manual: true, payout: 'chain' } })
    expect(net.rules).toBe('fixed')
    expect(net.toJSON().emission).toMatchObject({ payout: 'chain', dividends: 'bondHolder' })
    expect(await publicRulesOf(createPublicClient({ transport: http(net.rpcUrl) }), net)).toBe(false)
  })

  it('refuses an unknown rule set before starting anything (LocalnetRulesError with a hint)', async () => {
    await expect(startLocalnet({ rules: 'strict' as never })).rejects.toMatchObject({
      name: 'LocalnetRulesError',
      code: 'LOCALNET_RULES_INVALID',
      hint: expect.stringMatching(/"public".*"fixed"/),
    })
  })
})

describe('hetu localnet (CLI)', () => {
  it.each([
    { args: [], rules: 'public' },
    { args: ['--rules', 'fixed'], rules: 'fixed' },
  ])(
    'prints one JSON line, writes the info file and stops on SIGTERM (rules $rules)',
    async ({ args, rules }) => {
      ensureCliBuilt()
      // Its own info-file dir: a user's running localnet never sees this one (nor the other way round).
      const dir = mkdtempSync(join(tmpdir(), 'hetu-localnet-cli-'))
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
      const child = spawn(process.execPath, ['bin/hetu.js', 'localnet', '--port', '0', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, HETU_LOCALNET_DIR: dir },
      })
      let stderr = ''
      child.stderr.on('data', (c) => {
        stderr += c
      })
      const lines = createInterface({ input: child.stdout })
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve)
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
      })
      const info = JSON.parse(first) as LocalnetInfo
      expect(info.rules).toBe(rules)
      expect(Object.keys(info.contracts).sort()).toEqual(
        [
          'GlobalStaking',
          'Multicall3',
          'NeuronManager',
          'SubnetAMMFactory',
          'SubnetManager',
          'WHETU',
          'Weights',
        ].sort(),
      )
      expect(info.accounts.length).toBe(10)
      const infoFile = /info written to (.+)\n/.exec(stderr)?.[1]
      expect(infoFile).toBe(join(dir, `hetu-localnet-${new URL(info.rpcUrl).port}.json`))
      // The file carries the same fields plus the CLI's pid, which `hetu localnet stop` signals.
      expect(infoFile && JSON.parse(readFileSync(infoFile, 'utf8'))).toEqual({ ...info, pid: child.pid })
      const client = createPublicClient({ transport: http(info.rpcUrl) })
      expect(await client.getChainId()).toBe(560002)
      expect(await publicRulesOf(client, info)).toBe(rules === 'public')

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(existsSync(infoFile!)).toBe(false)
      await expect(client.getChainId()).rejects.toThrow()
    },
  )
})
