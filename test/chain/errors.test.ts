import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { connect as connectSocket, type Socket } from 'node:net'
import { createClient, encodeErrorResult, parseAbi, toHex, zeroAddress } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeRevertData, revertCode, revertToError, toHetuError } from '../../src/chain/actions/index.js'
import { RpcTimeoutError, rpcTransport } from '../../src/chain/internal/rpc.js'
import { checkNetwork } from '../../src/chain/networks/check.js'
import {
  ContractRevertError,
  type HetuClient,
  InsufficientFundsError,
  InsufficientLiquidityError,
  InsufficientTokenBalanceError,
  InvalidContractArgumentError,
  NotOwnerError,
  parseHetu,
  RpcUnavailableError,
  StakeBelowThresholdError,
  SubnetNotFoundError,
  WalletLockedError,
  WrongNetworkError,
} from '../../src/index.js'
import { type AnvilProcess, startAnvil } from '../../src/localnet/anvil.js'
import { hetuClient } from '../fixtures/localnet.js'
import { rpc } from './helpers/localnet.js'
import { DEV_KEY, deployReverter } from './helpers/reverter.js'

const errorString = (reason: string) =>
  encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: [reason] })

describe('revert decoding (data encoded with viem)', () => {
  it('maps revert strings, with or without a contract prefix, to named errors', () => {
    const cases: [string, string][] = [
      ['INSUFFICIENT_AVAILABLE_STAKE', 'INSUFFICIENT_AVAILABLE_STAKE'],
      ['AMOUNT_NOT_AVAILABLE', 'INSUFFICIENT_AVAILABLE_STAKE'],
      ['INSUFFICIENT_ALLOCATION', 'INSUFFICIENT_ALLOCATION'],
      ['INSUFFICIENT_VALIDATOR_STAKE', 'STAKE_BELOW_THRESHOLD'],
      ['SUBNET_NOT_EXISTS', 'SUBNET_NOT_FOUND'],
      ['SUBNET_NOT_ACTIVE', 'SUBNET_NOT_ACTIVE'],
      ['NOT_OWNER', 'NOT_OWNER'],
      ['NOT_SUBNET_OWNER', 'NOT_OWNER'],
      ['ALREADY_REGISTERED', 'NEURON_ALREADY_REGISTERED'],
      ['NOT_REGISTERED', 'NEURON_NOT_REGISTERED'],
      ['SUBNET_VALIDATORS_FULL', 'SUBNET_FULL'],
      ['RATE_LIMIT_EXCEEDED', 'SUBNET_REGISTRATION_RATE_LIMITED'],
      ['AMM: INSUFFICIENT_LIQUIDITY', 'INSUFFICIENT_LIQUIDITY'],
      ['AMM: INSUFFICIENT_OUTPUT_AMOUNT', 'SLIPPAGE_EXCEEDED'],
      ['WHETU: INSUFFICIENT_BALANCE', 'INSUFFICIENT_TOKEN_BALANCE'],
      ['AMM: ONLY_SYSTEM', 'UNAUTHORIZED_CALLER'],
      ['UNAUTHORIZED_CALLER', 'UNAUTHORIZED_CALLER'],
      ['EMPTY_NAME', 'INVALID_CONTRACT_ARGUMENT'],
      ['WHETU: ZERO_DEPOSIT', 'INVALID_CONTRACT_ARGUMENT'],
      ['INVALID_MIN_LOCK', 'INVALID_CONTRACT_ARGUMENT'],
      ['Factory: POOL_EXISTS', 'CONTRACT_REVERTED'],
    ]
    for (const [reason, code] of cases) {
      const info = decodeRevertData(errorString(reason))
      expect(info).toMatchObject({ reason, errorName: 'Error' })
      expect(revertToError(info).code, reason).toBe(code)
    }
    // The fixed rule set's refusal of a minter other than the system address says what to do.
    const minter = revertToError(decodeRevertData(errorString('INVALID_MINTER')))
    expect(minter).toBeInstanceOf(InvalidContractArgumentError)
    expect(minter.shortMessage).toMatch(/only the chain's system address/)
    expect(minter.hint).toMatch(/without `minter`/)
  })

  it('decodes custom errors of our contracts with their arguments', () => {
    const data = encodeErrorResult({
      abi: parseAbi(['error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)']),
      errorName: 'ERC20InsufficientBalance',
      args: [zeroAddress, 5n * 10n ** 18n, 7n * 10n ** 18n],
    })
    const error = revertToError(decodeRevertData(data))
    expect(error).toBeInstanceOf(InsufficientTokenBalanceError)
    expect(error.meta).toMatchObject({ balance: 5n * 10n ** 18n, required: 7n * 10n ** 18n })
    expect(error.shortMessage).toMatch(/5 is below the 7 needed/)

    const owner = encodeErrorResult({
      abi: parseAbi(['error OwnableUnauthorizedAccount(address account)']),
      errorName: 'OwnableUnauthorizedAccount',
      args: [zeroAddress],
    })
    expect(revertToError(decodeRevertData(owner))).toBeInstanceOf(NotOwnerError)
  })

  it('explains panics and keeps unknown errors generic but typed', () => {
    const panic = encodeErrorResult({
      abi: parseAbi(['error Panic(uint256)']),
      errorName: 'Panic',
      args: [0x11n],
    })
    const error = revertToError(decodeRevertData(panic))
    expect(error.code).toBe('CONTRACT_REVERTED')
    expect(error.reason).toMatch(/underflow/)
    expect(error.hint).toMatch(/swapAlphaForHetu/)
    const unknown = revertToError(decodeRevertData('0xdeadbeef'))
    expect(unknown).toBeInstanceOf(ContractRevertError)
    expect(unknown.reason).toBe('unknown error 0xdeadbeef')
    expect(revertToError(decodeRevertData('0x')).reason).toMatch(/without a reason/)
  })

  it('normalizes custom error names and prefixed strings to one code space', () => {
    expect(revertCode({ reason: 'x', errorName: 'InsufficientAvailableStake' })).toBe(
      'INSUFFICIENT_AVAILABLE_STAKE',
    )
    expect(revertCode({ reason: 'x', errorName: 'ERC20InsufficientAllowance' })).toBe(
      'ERC20_INSUFFICIENT_ALLOWANCE',
    )
    expect(revertCode({ reason: 'AMM: INSUFFICIENT_LIQUIDITY', errorName: 'Error' })).toBe(
      'INSUFFICIENT_LIQUIDITY',
    )
    expect(revertToError({ reason: 'x', errorName: 'NeuronStakeBelowThreshold' })).toBeInstanceOf(
      StakeBelowThresholdError,
    )
  })
})

describe('errors produced by a real node (anvil)', () => {
  let anvil: AnvilProcess
  let client: HetuClient
  beforeAll(async () => {
    anvil = await startAnvil({ chainId: 560002 })
    const subnetManager = await deployReverter(anvil.rpcUrl, errorString('SUBNET_NOT_EXISTS'))
    const whetu = await deployReverter(
      anvil.rpcUrl,
      encodeErrorResult({
        abi: parseAbi(['error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)']),
        errorName: 'ERC20InsufficientBalance',
        args: [zeroAddress, 1n, 2n],
      }),
    )
    const pool = await deployReverter(anvil.rpcUrl, errorString('AMM: INSUFFICIENT_LIQUIDITY'))
    client = await hetuClient(anvil, {
      account: DEV_KEY,
      contracts: {
        WHETU: whetu,
        GlobalStaking: pool,
        SubnetManager: subnetManager,
        NeuronManager: '0x000000000000000000000000000000000000bEEF',
      },
    })
  })
  afterAll(() => anvil?.stop())

  it('decodes a revert string of a read, naming the netuid', async () => {
    const err = await client.getSubnetInfo({ netuid: 7 }).catch((e) => e)
    expect(err).toBeInstanceOf(SubnetNotFoundError)
    expect(err.shortMessage).toBe('Subnet 7 does not exist.')
    expect(err.meta.netuid).toBe(7)
  })

  it('decodes a revert of a write during gas estimation, before anything is sent', async () => {
    const before = await client.getCurrentBlock()
    const err = await client.activateSubnet({ netuid: 3 }).catch((e) => e)
    expect(err).toBeInstanceOf(SubnetNotFoundError)
    expect(err.functionName).toBe('activateSubnet')
    expect(await client.getCurrentBlock()).toBe(before)
  })

  it('decodes custom errors with their amounts', async () => {
    const err = await client.unwrapHetu({ amount: 5n }).catch((e) => e)
    expect(err).toBeInstanceOf(InsufficientTokenBalanceError)
    expect(err.meta).toMatchObject({ token: 'WHETU', balance: 1n, required: 5n })
  })

  it('reports a missing contract instead of a decoding error', async () => {
    const err = await client.getNeuronInfo({ netuid: 1, account: zeroAddress }).catch((e) => e)
    expect(err.code).toBe('CONTRACT_NOT_DEPLOYED')
    expect(err.hint).toMatch(/contract addresses/)
  })

  it('refuses writes without an account: WalletLockedError', async () => {
    const locked = await hetuClient(anvil, { contracts: client.hetu.network.contracts })
    const err = await locked.activateSubnet({ netuid: 1 }).catch((e) => e)
    expect(err).toBeInstanceOf(WalletLockedError)
    expect(err.code).toBe('WALLET_LOCKED')
  })

  it('reports a broke account as InsufficientFundsError', async () => {
    const err = await client
      .wrapHetu({ amount: 10n ** 18n, account: generatePrivateKeyAccount() })
      .catch((e) => e)
    expect(err).toBeInstanceOf(InsufficientFundsError)
  })

  it('rejects an invalid argument before the chain with the contract-side names', async () => {
    expect(revertToError({ reason: 'EMPTY_TOKEN_SYMBOL', errorName: 'Error' })).toBeInstanceOf(
      InvalidContractArgumentError,
    )
    const err = await client.getSubnetInfo({ netuid: 70_000 }).catch((e) => e)
    expect(err.code).toBe('INVALID_ARGUMENT')
  })

  it('pre-checks pool liquidity and maps the revert otherwise', async () => {
    expect(revertToError(decodeRevertData(errorString('AMM: INSUFFICIENT_LIQUIDITY')))).toBeInstanceOf(
      InsufficientLiquidityError,
    )
  })

  it('wrong network: the named network does not match the RPC chain id', async () => {
    const err = await hetuClient(anvil, { network: 'testnet' }).catch((e) => e)
    expect(err).toBeInstanceOf(WrongNetworkError)
  })

  it('RPC down mid-session: reads fail with RpcUnavailableError after the bounded retries', async () => {
    const other = await startAnvil({ chainId: 560002 })
    const session = await hetuClient(other, { retryCount: 1, contracts: client.hetu.network.contracts })
    expect(await session.getCurrentBlock()).toBe(0n)
    await other.stop()
    const err = await session.getCurrentBlock().catch((e) => e)
    expect(err).toBeInstanceOf(RpcUnavailableError)
    expect(err.meta.attempts).toBe(2)
  })

  it('RPC down: a closed port fails after the bounded retries with RpcUnavailableError', async () => {
    const err = await hetuClient(
      { rpcUrl: 'http://127.0.0.1:9/secret-api-key' },
      {
        retryCount: 1,
      },
    ).catch((e) => e)
    expect(err).toBeInstanceOf(RpcUnavailableError)
    expect(err.message).not.toMatch(/secret-api-key/)
    expect(err.shortMessage).toMatch(/127\.0\.0\.1:9/)
  })

  /** A node:http server that reads every request and never answers: the JSON bodies it was sent. */
  async function silentServer() {
    const bodies: unknown[] = []
    const server = createServer((req) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => bodies.push(JSON.parse(Buffer.concat(chunks).toString())))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      bodies,
      close() {
        server.closeAllConnections()
        server.close()
      },
    }
  }

  it('an endpoint that accepts connections and never answers: two timed-out attempts, not four', async () => {
    const silent = await silentServer()
    try {
      const err = await hetuClient({ rpcUrl: silent.url }, { timeoutMs: 300 }).catch((e) => e)
      expect(err).toBeInstanceOf(RpcUnavailableError)
      // retryCount is 3 by default: a timeout is retried once, then given up.
      expect(silent.bodies).toHaveLength(2)
      expect(err.meta.attempts).toBe(2)
      expect(err.details).toBe(
        'The request took too long to respond: no answer within 300 ms (after 2 attempts)',
      )
      // `hetu network add` checks a network through the same transport.
      const checked = await checkNetwork({
        network: 'lab',
        rpcUrl: silent.url,
        contracts: {},
        timeoutMs: 300,
      }).catch((e) => e)
      expect(checked).toBeInstanceOf(RpcUnavailableError)
      expect(checked.details).toBe(
        'The request took too long to respond: no answer within 300 ms (after 2 attempts)',
      )
      expect(silent.bodies).toHaveLength(4)
    } finally {
      silent.close()
    }
  })

  it('timeouts of batched requests: each request is tried twice, on its own count', async () => {
    const silent = await silentServer()
    try {
      const client = createClient({
        transport: rpcTransport(silent.url, { timeoutMs: 200, retryCount: 3 }),
      })
      const results = await Promise.allSettled([
        client.request({ method: 'eth_chainId' }),
        client.request({ method: 'eth_blockNumber' }),
      ])
      for (const result of results) {
        expect(result.status).toBe('rejected')
        const reason = (result as PromiseRejectedResult).reason as RpcTimeoutError
        expect(reason).toBeInstanceOf(RpcTimeoutError)
        expect(reason.attempts).toBe(2)
      }
      // Two requests, two attempts each: every call the server saw, batched or not.
      const calls = silent.bodies.flatMap((body) => (Array.isArray(body) ? body : [body]))
      expect(calls.map((call) => (call as { method: string }).method).sort()).toEqual([
        'eth_blockNumber',
        'eth_blockNumber',
        'eth_chainId',
        'eth_chainId',
      ])
    } finally {
      silent.close()
    }
  })

  it('an address that drops connection attempts fails within the connect timeout, twice', async () => {
    // A listener whose process never runs its event loop again: the kernel completes handshakes into
    // its backlog until it is full, then drops further SYNs, as a firewall that DROPs does.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const server = require('node:net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
          process.stdout.write(server.address().port + '\\n', () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000); process.exit() })
        })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      const port = Number((await once(child.stdout!, 'data'))[0].toString())
      // Fills the backlog: connections complete until the kernel starts dropping SYNs.
      const queued: Socket[] = []
      for (let filled = false; !filled && queued.length < 16; ) {
        const socket = connectSocket(port, '127.0.0.1')
        queued.push(socket)
        filled = await Promise.race([
          once(socket, 'connect').then(() => false),
          new Promise<boolean>((resolve) => setTimeout(resolve, 500, true)),
        ])
      }
      const err = await hetuClient(
        { rpcUrl: `http://127.0.0.1:${port}` },
        { connectTimeoutMs: 200, timeoutMs: 60_000 },
      ).catch((e) => e)
      expect(err).toBeInstanceOf(RpcUnavailableError)
      expect(err.meta.attempts).toBe(2)
      expect(err.details).toBe(
        'The request took too long to respond: connect timed out after 200 ms (after 2 attempts)',
      )
      for (const socket of queued) socket.destroy()
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('a refused connection is retried as before, and says why it failed', async () => {
    const err = await hetuClient({ rpcUrl: 'http://127.0.0.1:9' }, { retryCount: 2 }).catch((e) => e)
    expect(err).toBeInstanceOf(RpcUnavailableError)
    expect(err.meta.attempts).toBe(3)
    expect(err.details).toMatch(
      /^HTTP request failed: connect ECONNREFUSED 127\.0\.0\.1:9 \(after 3 attempts\)$/,
    )
  })
})

// anvil checks the balance only when the signed transaction arrives (eth_estimateGas passes), and answers
// eth_sendRawTransaction[Sync] with a bare JSON-RPC error that viem does not interpret.
describe.each(['sync', 'poll'] as const)(
  'insufficient funds refused by a real node (%s receipts)',
  (mode) => {
    let anvil: AnvilProcess
    let client: HetuClient
    beforeAll(async () => {
      anvil = await startAnvil({ chainId: 560002 })
      client = await hetuClient(anvil, {
        receiptMode: mode,
        // An address without code: every call to it succeeds, so only the gas money is missing.
        contracts: {
          WHETU: '0x000000000000000000000000000000000000dEaD',
          GlobalStaking: '0x000000000000000000000000000000000000bEEF',
          SubnetManager: '0x000000000000000000000000000000000000bEEF',
          NeuronManager: '0x000000000000000000000000000000000000bEEF',
        },
      })
    })
    afterAll(() => anvil?.stop())

    it('a native transfer of more than the balance: InsufficientFundsError with the amounts', async () => {
      const poor = generatePrivateKeyAccount()
      await rpc(anvil.rpcUrl, 'anvil_setBalance', [poor.address, toHex(parseHetu('1'))])
      const before = await client.getCurrentBlock()
      const err = await client
        .transfer({ to: anvil.accounts[0]!.address, amount: parseHetu('2'), account: poor })
        .catch((e) => e)
      expect(err).toBeInstanceOf(InsufficientFundsError)
      expect(err.meta).toMatchObject({
        address: poor.address,
        balance: parseHetu('1'),
        required: parseHetu('2'),
      })
      expect(err.meta.gasCost).toBeGreaterThan(0n)
      expect(err.shortMessage).toMatch(/balance 1 HETU, needs 2 HETU \+ up to .* HETU gas/)
      expect(await client.getCurrentBlock()).toBe(before)
    })

    it('a contract write from an account with no gas money: InsufficientFundsError', async () => {
      const broke = generatePrivateKeyAccount()
      const err = await client
        .transfer({ token: 'WHETU', to: anvil.accounts[0]!.address, amount: 1n, account: broke })
        .catch((e) => e)
      expect(err).toBeInstanceOf(InsufficientFundsError)
      expect(err.meta).toMatchObject({ address: broke.address, balance: 0n, required: 0n })
      expect(err.meta.gasCost).toBeGreaterThan(0n)
      expect(err.shortMessage).toMatch(/balance 0 HETU, needs up to .* HETU gas/)
    })
  },
)

describe("insufficient funds in other nodes' words", () => {
  it("reads the amounts of geth's message", () => {
    const err = toHetuError(
      new Error('insufficient funds for gas * price + value: address 0xabc have 1000 want 5000'),
      { action: 'transfer', account: '0xabc' },
    )
    expect(err).toBeInstanceOf(InsufficientFundsError)
    expect(err.meta).toMatchObject({ balance: 1000n, required: 5000n })
  })
})

function generatePrivateKeyAccount() {
  return privateKeyToAccount(generatePrivateKey())
}
