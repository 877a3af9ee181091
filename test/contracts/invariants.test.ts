// Model-based fuzz of the staking contracts: a seeded random sequence of stake, allocate, deallocate,
// register, deregister, remove-stake, resync and WHETU moves from several accounts. A TypeScript model
// predicts every outcome (success, or the exact revert reason); after each operation the chain must agree
// with the model and the invariants must hold:
//   - WHETU is conserved: user balances + contract balances + treasury + 0x…dEaD == totalSupply == totalETH;
//   - available = staked − allocated − cost never goes negative (GlobalStaking holds staked − cost);
//   - a registered neuron's NeuronInfo.stake equals its GlobalStaking allocation and its role threshold.
// Reproduce a failure with FUZZ_SEED=<seed> (and FUZZ_OPS=<n>) printed in the assertion message.
import {
  type Abi,
  type Address,
  decodeFunctionResult,
  encodeFunctionData,
  type Hex,
  maxUint256,
  numberToHex,
  parseEther,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GlobalStakingAbi, NeuronManagerAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { RpcError } from '../../src/chain/errors/network.js'
import { rpc, rpcBatch } from '../../src/chain/reads.js'
import { decodeRevert, type StakingEnv, startStakingEnv } from './staking-env.js'

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed)
const OPS = Number(process.env.FUZZ_OPS ?? 400)
const FULL_CHECK_EVERY = 20
const E = (n: number) => parseEther(String(n))

/** mulberry32: tiny, fast, good enough to drive a fuzzer reproducibly. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}

interface SubnetModel {
  exists: boolean
  active: boolean
  maxUids: number
  maxValidators: number
  cost: bigint
  validatorThreshold: bigint
  neuronThreshold: bigint
  neurons: Map<Address, { validator: boolean }>
}

interface UserModel {
  whetu: bigint
  staked: bigint
  cost: bigint
  allocations: Map<number, bigint>
}

const NETUIDS = [1, 2, 3, 9] as const
const NETUID_ROLLS = [1, 1, 1, 2, 2, 2, 3, 9]
const AMOUNTS = [1, 2, 50, 99, 100, 101, 199, 200, 201, 299, 300, 301, 499, 500, 501, 700, 1000, 2500]

type Expect = { ok: true; apply: () => void } | { ok: false; reason: string }

describe('staking invariants under random operations', () => {
  let env: StakingEnv
  beforeAll(async () => {
    env = await startStakingEnv({ rules: 'fixed' })
  })
  afterAll(() => env?.stop())

  it(`hold over ${OPS} operations (seed ${SEED})`, async () => {
    const { contracts: c } = env
    const rnd = prng(SEED)
    const actors = env.accounts.slice(1, 7).map((a) => a.address)

    // Subnets: 1 = defaults, 2 = tight caps and other thresholds, 3 = exists but inactive, 9 = none.
    await env.addSubnet(1)
    await env.addSubnet(2)
    await env.setSubnetLimits(2, {
      maxAllowedUids: 3,
      maxAllowedValidators: 1,
      baseNeuronCost: E(2),
      validatorThreshold: E(300),
      neuronThreshold: E(100),
    })
    await env.addSubnet(3, { active: false })
    const subnets = new Map<number, SubnetModel>([
      [1, subnetModel(true, true, 4096, 128, E(1), E(500), E(200))],
      [2, subnetModel(true, true, 3, 1, E(2), E(300), E(100))],
      [3, subnetModel(true, false, 4096, 128, E(1), E(500), E(200))],
      [9, subnetModel(false, false, 0, 0, 0n, 0n, 0n)],
    ])
    const users = new Map<Address, UserModel>()
    let treasury = 0n
    let supply = 0n

    const send = async (from: Address, to: Address, data: Hex, value = 0n) => {
      const receipt = await rpc<{ status: Hex }>(env.rpcUrl, 'eth_sendTransactionSync', [
        { from, to, data, value: numberToHex(value), gas: numberToHex(1_500_000n) },
      ])
      return receipt.status === '0x1'
    }
    /** The revert reason of a call, or undefined when it would succeed. */
    const reasonOf = async (from: Address, to: Address, data: Hex) => {
      try {
        await rpc(env.rpcUrl, 'eth_call', [{ from, to, data, gas: numberToHex(1_500_000n) }, 'latest'])
        return undefined
      } catch (err) {
        if (err instanceof RpcError && typeof err.data === 'string') return decodeRevert(err.data as Hex)
        throw err
      }
    }

    // Every actor wraps 10 000 HETU and approves GlobalStaking once.
    for (const a of actors) {
      await send(a, c.WHETU, encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }), E(10_000))
      await send(
        a,
        c.WHETU,
        encodeFunctionData({ abi: WHETUAbi, functionName: 'approve', args: [c.GlobalStaking, maxUint256] }),
      )
    }
    // The model starts from the chain (the localnet may have funded the dev accounts already).
    const readWhetu = (functionName: 'totalSupply' | 'balanceOf', args?: [Address]) =>
      env.client.readContract({
        address: c.WHETU,
        abi: WHETUAbi,
        functionName,
        args,
      } as never) as Promise<bigint>
    supply = await readWhetu('totalSupply')
    for (const a of actors) {
      users.set(a, { whetu: await readWhetu('balanceOf', [a]), staked: 0n, cost: 0n, allocations: new Map() })
    }
    const holders = [...new Set([...env.accounts.map((a) => a.address), ...(await env.holders())])]
    const slot = (holder: Address) => holders.indexOf(holder)

    const u = (a: Address) => users.get(a)!
    const allocatedTotal = (m: UserModel) => [...m.allocations.values()].reduce((x, y) => x + y, 0n)
    const available = (m: UserModel) => m.staked - allocatedTotal(m) - m.cost
    const threshold = (s: SubnetModel, validator: boolean) =>
      validator ? s.validatorThreshold : s.neuronThreshold
    const lockOf = (a: Address, netuid: number) => {
      const s = subnets.get(netuid)!
      const n = s.neurons.get(a)
      return n ? threshold(s, n.validator) : 0n
    }
    const setAllocation = (a: Address, netuid: number, amount: bigint) => {
      u(a).allocations.set(netuid, amount)
    }
    const amount = (m: UserModel, netuid: number): bigint => {
      const roll = rnd.next()
      if (roll < 0.1) return available(m)
      if (roll < 0.2) return m.allocations.get(netuid) ?? 0n
      if (roll < 0.25) return 0n
      if (roll < 0.35) return BigInt(rnd.int(3000)) * 10n ** 18n + BigInt(rnd.int(1_000_000))
      return E(rnd.pick(AMOUNTS))
    }

    type Op = { label: string; from: Address; to: Address; data: Hex; value?: bigint; expect: Expect }
    const nextOp = (): Op => {
      const from = rnd.pick(actors)
      const m = u(from)
      // Mostly the two live subnets, preferring one the actor is registered in (to hit the locks).
      const mine = [1, 2].filter((n) => subnets.get(n)!.neurons.has(from))
      let netuid = mine.length > 0 && rnd.next() < 0.4 ? rnd.pick(mine) : rnd.pick(NETUID_ROLLS)
      const s = subnets.get(netuid)!
      const roll = rnd.int(100)
      const gs = (functionName: string, args: unknown[]) =>
        encodeFunctionData({ abi: GlobalStakingAbi as Abi, functionName, args })
      const nm = (functionName: string, args: unknown[]) =>
        encodeFunctionData({ abi: NeuronManagerAbi as Abi, functionName, args })

      if (roll < 15) {
        const x = amount(m, netuid)
        return {
          label: `addGlobalStake(${x})`,
          from,
          to: c.GlobalStaking,
          data: gs('addGlobalStake', [x]),
          expect:
            x === 0n
              ? { ok: false, reason: 'ZERO_AMOUNT' }
              : m.whetu < x
                ? { ok: false, reason: 'ERC20InsufficientBalance' }
                : {
                    ok: true,
                    apply: () => {
                      m.whetu -= x
                      m.staked += x
                    },
                  },
        }
      }
      if (roll < 25) {
        const x = amount(m, netuid)
        return {
          label: `removeGlobalStake(${x})`,
          from,
          to: c.GlobalStaking,
          data: gs('removeGlobalStake', [x]),
          expect:
            x === 0n
              ? { ok: false, reason: 'ZERO_AMOUNT' }
              : m.staked < x
                ? { ok: false, reason: 'INSUFFICIENT_STAKE' }
                : available(m) < x
                  ? { ok: false, reason: 'AMOUNT_NOT_AVAILABLE' }
                  : {
                      ok: true,
                      apply: () => {
                        m.staked -= x
                        m.whetu += x
                      },
                    },
        }
      }
      if (roll < 40) {
        const x = amount(m, netuid)
        const old = m.allocations.get(netuid) ?? 0n
        let expect: Expect
        if (x === 0n) expect = { ok: false, reason: 'ZERO_AMOUNT' }
        else if (x > old && x - old > available(m))
          expect = { ok: false, reason: 'INSUFFICIENT_AVAILABLE_STAKE' }
        else if (x < old && x < lockOf(from, netuid)) expect = { ok: false, reason: 'STAKE_LOCKED_BY_NEURON' }
        else expect = { ok: true, apply: () => setAllocation(from, netuid, x) }
        return {
          label: `allocateToSubnet(${netuid}, ${x})`,
          from,
          to: c.GlobalStaking,
          data: gs('allocateToSubnet', [netuid, x]),
          expect,
        }
      }
      if (roll < 52) {
        const x = rnd.next() < 0.2 ? E(rnd.pick([1, 50, 100])) : amount(m, netuid)
        const old = m.allocations.get(netuid) ?? 0n
        let expect: Expect
        if (x === 0n) expect = { ok: false, reason: 'ZERO_AMOUNT' }
        else if (old < x) expect = { ok: false, reason: 'INSUFFICIENT_ALLOCATION' }
        else if (old - x < lockOf(from, netuid)) expect = { ok: false, reason: 'STAKE_LOCKED_BY_NEURON' }
        else expect = { ok: true, apply: () => setAllocation(from, netuid, old - x) }
        return {
          label: `deallocateFromSubnet(${netuid}, ${x})`,
          from,
          to: c.GlobalStaking,
          data: gs('deallocateFromSubnet', [netuid, x]),
          expect,
        }
      }
      if (roll < 72) {
        const validator = rnd.next() < 0.4
        const x = rnd.next() < 0.6 ? E(rnd.pick([100, 200, 300, 500, 600])) : amount(m, netuid)
        const validators = [...s.neurons.values()].filter((n) => n.validator).length
        let expect: Expect
        if (x === 0n) expect = { ok: false, reason: 'STAKE_AMOUNT_ZERO' }
        else if (!s.exists) expect = { ok: false, reason: 'SUBNET_NOT_EXISTS' }
        else if (!s.active) expect = { ok: false, reason: 'SUBNET_NOT_ACTIVE' }
        else if (s.neurons.has(from)) expect = { ok: false, reason: 'ALREADY_REGISTERED' }
        else if (available(m) < x + s.cost) expect = { ok: false, reason: 'INSUFFICIENT_AVAILABLE_STAKE' }
        else if (s.neurons.size >= s.maxUids) expect = { ok: false, reason: 'SUBNET_NEURONS_FULL' }
        else if (validator && validators >= s.maxValidators)
          expect = { ok: false, reason: 'SUBNET_VALIDATORS_FULL' }
        else if (x < s.neuronThreshold) expect = { ok: false, reason: 'INSUFFICIENT_NEURON_STAKE' }
        else if (validator && x < s.validatorThreshold)
          expect = { ok: false, reason: 'INSUFFICIENT_VALIDATOR_STAKE' }
        else
          expect = {
            ok: true,
            apply: () => {
              setAllocation(from, netuid, x)
              m.cost += s.cost
              treasury += s.cost
              s.neurons.set(from, { validator })
            },
          }
        return {
          label: `register(${netuid}, ${x}, ${validator ? 'validator' : 'miner'})`,
          from,
          to: c.NeuronManager,
          data: nm('registerNeuronWithStakeAllocation', [netuid, x, validator, 'http://n', 1, '', 0]),
          expect,
        }
      }
      if (roll < 82) {
        if (mine.length > 0 && rnd.next() < 0.6) netuid = rnd.pick(mine)
        const s = subnets.get(netuid)!
        return {
          label: `deregisterNeuron(${netuid})`,
          from,
          to: c.NeuronManager,
          data: nm('deregisterNeuron', [netuid]),
          expect: s.neurons.has(from)
            ? {
                ok: true,
                apply: () => {
                  s.neurons.delete(from)
                  setAllocation(from, netuid, 0n)
                },
              }
            : { ok: false, reason: 'NOT_REGISTERED' },
        }
      }
      if (roll < 87) {
        // Anyone tries to rewrite someone's recorded stake: only the true allocation is accepted.
        const registered = actors.filter((a) => s.neurons.has(a))
        const target = registered.length > 0 && rnd.next() < 0.7 ? rnd.pick(registered) : rnd.pick(actors)
        const neuron = s.neurons.get(target)
        const real = u(target).allocations.get(netuid) ?? 0n
        const x = rnd.next() < 0.5 ? real : amount(m, netuid)
        let expect: Expect
        if (!neuron) expect = { ok: false, reason: 'NEURON_NOT_ACTIVE' }
        else if (x < threshold(s, neuron.validator))
          expect = {
            ok: false,
            reason: neuron.validator ? 'VALIDATOR_STAKE_BELOW_THRESHOLD' : 'NEURON_STAKE_BELOW_THRESHOLD',
          }
        else if (x !== real) expect = { ok: false, reason: 'STAKE_MISMATCH' }
        else expect = { ok: true, apply: () => {} }
        return {
          label: `updateStakeAllocation(${netuid}, ${target}, ${x})`,
          from,
          to: c.NeuronManager,
          data: nm('updateStakeAllocation', [netuid, target, x]),
          expect,
        }
      }
      if (roll < 92) {
        const to = rnd.pick(actors)
        const x = rnd.next() < 0.2 ? m.whetu + 1n : amount(m, netuid) / 3n
        return {
          label: `WHETU.transfer(${to}, ${x})`,
          from,
          to: c.WHETU,
          data: encodeFunctionData({ abi: WHETUAbi, functionName: 'transfer', args: [to, x] }),
          expect:
            m.whetu < x
              ? { ok: false, reason: 'ERC20InsufficientBalance' }
              : {
                  ok: true,
                  apply: () => {
                    m.whetu -= x
                    u(to).whetu += x
                  },
                },
        }
      }
      if (roll < 96) {
        const x = rnd.next() < 0.2 ? m.whetu + 1n : amount(m, netuid) / 4n
        return {
          label: `WHETU.withdraw(${x})`,
          from,
          to: c.WHETU,
          data: encodeFunctionData({ abi: WHETUAbi, functionName: 'withdraw', args: [x] }),
          expect:
            x === 0n
              ? { ok: false, reason: 'WHETU: ZERO_WITHDRAWAL' }
              : m.whetu < x
                ? { ok: false, reason: 'WHETU: INSUFFICIENT_BALANCE' }
                : {
                    ok: true,
                    apply: () => {
                      m.whetu -= x
                      supply -= x
                    },
                  },
        }
      }
      const x = rnd.next() < 0.1 ? 0n : E(rnd.pick([1, 100, 500]))
      return {
        label: `WHETU.deposit{${x}}`,
        from,
        to: c.WHETU,
        data: encodeFunctionData({ abi: WHETUAbi, functionName: 'deposit' }),
        value: x,
        expect:
          x === 0n
            ? { ok: false, reason: 'WHETU: ZERO_DEPOSIT' }
            : {
                ok: true,
                apply: () => {
                  m.whetu += x
                  supply += x
                },
              },
      }
    }

    type Read = { address: Address; abi: Abi; functionName: string; args?: unknown[] }
    const readAll = async (reads: Read[]) => {
      const results = (await rpcBatch(
        env.rpcUrl,
        reads.map((r) => ({
          method: 'eth_call',
          params: [{ to: r.address, data: encodeFunctionData(r as never) }, 'latest'],
        })),
      )) as Hex[]
      return results.map(
        (data, i) => decodeFunctionResult({ ...(reads[i] as Read), data } as never) as unknown,
      )
    }

    const check = async (where: string, scope: readonly Address[]) => {
      const at = `${where} [FUZZ_SEED=${SEED} FUZZ_OPS=${OPS}]`
      const reads: Read[] = [
        { address: c.WHETU, abi: WHETUAbi, functionName: 'totalSupply' },
        { address: c.WHETU, abi: WHETUAbi, functionName: 'totalETH' },
        ...holders.map((h) => ({
          address: c.WHETU,
          abi: WHETUAbi as Abi,
          functionName: 'balanceOf',
          args: [h],
        })),
      ]
      for (const a of scope) {
        reads.push({
          address: c.GlobalStaking,
          abi: GlobalStakingAbi,
          functionName: 'getStakeInfo',
          args: [a],
        })
        reads.push({
          address: c.GlobalStaking,
          abi: GlobalStakingAbi,
          functionName: 'getAvailableStake',
          args: [a],
        })
        for (const n of NETUIDS) {
          reads.push({
            address: c.GlobalStaking,
            abi: GlobalStakingAbi,
            functionName: 'getSubnetAllocation',
            args: [a, n],
          })
          reads.push({
            address: c.NeuronManager,
            abi: NeuronManagerAbi,
            functionName: 'getNeuronInfo',
            args: [n, a],
          })
        }
      }
      const out = await readAll(reads)
      const [total, eth, ...rest] = out as [bigint, bigint, ...unknown[]]
      const balances = rest.slice(0, holders.length) as bigint[]
      const held = balances.reduce((x, y) => x + y, 0n)
      expect(held, `WHETU conservation ${at}`).toBe(total)
      expect(total, `totalSupply vs model ${at}`).toBe(supply)
      expect(eth, `totalETH ${at}`).toBe(total)
      const gsBalance = balances[slot(c.GlobalStaking)]!
      const owed = [...users.values()].reduce((x, m) => x + m.staked - m.cost, 0n)
      expect(gsBalance, `GlobalStaking holds staked - cost ${at}`).toBe(owed)
      expect(balances[slot(env.treasury)], `treasury ${at}`).toBe(treasury)
      for (const a of actors) expect(balances[slot(a)], `WHETU of ${a} ${at}`).toBe(u(a).whetu)

      let k = holders.length
      for (const a of scope) {
        const m = u(a)
        const info = rest[k++] as { totalStaked: bigint; totalAllocated: bigint; totalCost: bigint }
        const avail = rest[k++] as bigint
        expect(info, `stake info of ${a} ${at}`).toMatchObject({
          totalStaked: m.staked,
          totalAllocated: allocatedTotal(m),
          totalCost: m.cost,
        })
        expect(avail, `available of ${a} ${at}`).toBe(available(m))
        expect(avail >= 0n && avail === info.totalStaked - info.totalAllocated - info.totalCost).toBe(true)
        for (const n of NETUIDS) {
          const allocation = rest[k++] as { allocated: bigint }
          const neuron = rest[k++] as { isActive: boolean; isValidator: boolean; stake: bigint }
          const s = subnets.get(n)!
          const expected = s.neurons.get(a)
          expect(allocation.allocated, `allocation ${a}@${n} ${at}`).toBe(m.allocations.get(n) ?? 0n)
          expect(neuron.isActive, `registered ${a}@${n} ${at}`).toBe(expected !== undefined)
          if (expected) {
            expect(neuron.isValidator).toBe(expected.validator)
            expect(neuron.stake, `NeuronInfo.stake == allocation ${a}@${n} ${at}`).toBe(allocation.allocated)
            expect(neuron.stake >= threshold(s, expected.validator), `stake >= threshold ${at}`).toBe(true)
          }
        }
      }
    }

    let succeeded = 0
    const reasons = new Map<string, number>()
    for (let i = 0; i < OPS; i++) {
      const op = nextOp()
      const where = `op ${i}: ${op.from.slice(0, 8)} ${op.label}`
      if (op.expect.ok) {
        const ok = await send(op.from, op.to, op.data, op.value)
        if (!ok) {
          // Ask the chain why, for the failure message (state is unchanged by the reverted tx).
          const reason = await reasonOf(op.from, op.to, op.data)
          expect.fail(`${where} reverted (${reason}) but the model expected success [FUZZ_SEED=${SEED}]`)
        }
        op.expect.apply()
        succeeded++
      } else {
        const reason = await reasonOf(op.from, op.to, op.data)
        expect(reason, `${where} [FUZZ_SEED=${SEED}]`).toBe(op.expect.reason)
        reasons.set(reason!, (reasons.get(reason!) ?? 0) + 1)
      }
      await check(where, i % FULL_CHECK_EVERY === 0 ? actors : [op.from])
    }
    await check('end', actors)

    if (process.env.FUZZ_STATS) console.log({ succeeded, reasons })
    // The run must have exercised both paths broadly, or the fuzzer is not testing much.
    expect(succeeded).toBeGreaterThan(OPS / 4)
    for (const r of ['STAKE_LOCKED_BY_NEURON', 'INSUFFICIENT_AVAILABLE_STAKE', 'ALREADY_REGISTERED']) {
      expect(reasons.get(r) ?? 0, `no ${r} in ${OPS} ops`).toBeGreaterThan(0)
    }
  })
})

function subnetModel(
  exists: boolean,
  active: boolean,
  maxUids: number,
  maxValidators: number,
  cost: bigint,
  validatorThreshold: bigint,
  neuronThreshold: bigint,
): SubnetModel {
  return {
    exists,
    active,
    maxUids,
    maxValidators,
    cost,
    validatorThreshold,
    neuronThreshold,
    neurons: new Map(),
  }
}
