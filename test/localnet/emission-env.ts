// Drives a localnet whose emission module mines on request (manual), so each test controls exactly
// which transactions share a block: actions are sent, then `step` mines one block and checks them.
import { type Abi, type Address, encodeFunctionData, type Hex, numberToHex, parseEther } from 'viem'
import {
  AlphaTokenAbi,
  GlobalStakingAbi,
  NeuronManagerAbi,
  SubnetAMMAbi,
  SubnetManagerAbi,
  WeightsAbi,
  WHETUAbi,
} from '../../src/chain/abi/index.js'
import type { BlockReport } from '../../src/localnet/emission/reports.js'
import type { Localnet } from '../../src/localnet/localnet.js'
import { rpc, rpcBatch } from '../../src/localnet/rpc.js'

export interface Tx {
  from: Address
  to: Address
  abi: Abi
  functionName: string
  args?: readonly unknown[]
  value?: bigint
}

export const E = (n: number | string) => parseEther(String(n))

/** The defaults of contracts/Hyperparams.sol, for registrations with custom rho/kappa. */
const DEFAULT_HYPERPARAMS = {
  rho: 10,
  kappa: 32767,
  immunityPeriod: 7200,
  tempo: 99,
  maxValidators: 64,
  activityCutoff: 5000,
  maxAllowedUids: 4096,
  maxAllowedValidators: 128,
  minAllowedWeights: 8,
  maxWeightsLimit: 1000,
  baseNeuronCost: E(1),
  currentDifficulty: 10_000_000n,
  targetRegsPerInterval: 2,
  maxRegsPerBlock: 1,
  weightsRateLimit: 8000n,
  registrationAllowed: true,
  commitRevealEnabled: false,
  commitRevealPeriod: 1000n,
  servingRateLimit: 50n,
  validatorThreshold: E(500),
  neuronThreshold: E(200),
}

export interface SubnetHandle {
  netuid: number
  owner: Address
  alphaToken: Address
  ammPool: Address
}

export function emissionEnv(net: Localnet) {
  const c = net.contracts
  const emission = net.emission
  if (!emission) throw new Error('the localnet was started without emission')

  const send = (tx: Tx) =>
    rpc<Hex>(net.rpcUrl, 'eth_sendTransaction', [
      {
        from: tx.from,
        to: tx.to,
        data: encodeFunctionData({
          abi: tx.abi,
          functionName: tx.functionName,
          args: tx.args ?? [],
        } as never),
        gas: numberToHex(10_000_000n),
        ...(tx.value !== undefined && { value: numberToHex(tx.value) }),
      },
    ])

  const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
    rpc<Hex>(net.rpcUrl, 'eth_call', [
      { to: address, data: encodeFunctionData({ abi, functionName, args } as never) },
      'latest',
    ]).then((data) => decode<T>(abi, functionName, data))

  /** Sends `txs` in order, mines one block and fails unless every one succeeded in it. */
  async function step(...txs: Tx[]): Promise<BlockReport> {
    const hashes: Hex[] = []
    for (const tx of txs) hashes.push(await send(tx))
    const reports = await emission!.mine()
    const receipts = (await rpcBatch(
      net.rpcUrl,
      hashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })),
    )) as ({ status: Hex; blockNumber: Hex } | null)[]
    receipts.forEach((r, i) => {
      if (r?.status !== '0x1')
        throw new Error(
          `${txs[i]!.functionName} ${r ? 'reverted' : 'was not mined'} (step ${reports.at(-1)?.block})`,
        )
    })
    return reports.at(-1)!
  }

  return {
    net,
    emission,
    send,
    step,
    read,
    /** Mines `n` blocks with nothing but the module's own transactions. */
    mine: (n = 1) => emission.mine(n),
    /** Registers (lock approved first) and returns the new subnet; `custom` overrides hyperparameters. */
    async registerSubnet(
      owner: Address,
      name: string,
      custom?: Partial<typeof DEFAULT_HYPERPARAMS>,
    ): Promise<SubnetHandle> {
      const register: Tx = custom
        ? {
            from: owner,
            to: c.SubnetManager,
            abi: SubnetManagerAbi,
            functionName: 'registerNetworkWithPartialCustom',
            args: [
              name,
              `${name} subnet`,
              `${name} Alpha`,
              name.toUpperCase().slice(0, 6),
              { ...DEFAULT_HYPERPARAMS, ...custom },
              Array.from({ length: 21 }, () => true),
            ],
          }
        : {
            from: owner,
            to: c.SubnetManager,
            abi: SubnetManagerAbi,
            functionName: 'registerNetwork',
            args: [name, `${name} subnet`, `${name} Alpha`, name.toUpperCase().slice(0, 6)],
          }
      // Lock cost doubles per registration; the owner of the SubnetManager resets it between tests' subnets.
      await step({
        from: net.accounts[0]!.address,
        to: c.SubnetManager,
        abi: SubnetManagerAbi,
        functionName: 'resetNetworkLockState',
      })
      await emission.mine() // rate limit: one registration per block after the reset's block
      await step(
        { from: owner, to: c.WHETU, abi: WHETUAbi, functionName: 'approve', args: [c.SubnetManager, E(100)] },
        register,
      )
      const netuid = (await read<number>(c.SubnetManager, SubnetManagerAbi, 'getNextNetuid')) - 1
      const info = await read<{ alphaToken: Address; ammPool: Address }>(
        c.SubnetManager,
        SubnetManagerAbi,
        'getSubnetInfo',
        [netuid],
      )
      return { netuid, owner, alphaToken: info.alphaToken, ammPool: info.ammPool }
    },
    activate: (s: SubnetHandle): Tx => ({
      from: s.owner,
      to: c.SubnetManager,
      abi: SubnetManagerAbi,
      functionName: 'activateSubnet',
      args: [s.netuid],
    }),
    addMinter: (s: SubnetHandle): Tx => ({
      from: s.owner,
      to: c.SubnetManager,
      abi: SubnetManagerAbi,
      functionName: 'addSubnetMinter',
      args: [s.netuid, net.systemAddress],
    }),
    /** Stake and register as a neuron (docs/contracts.md#join-a-subnet): three transactions of `who`. */
    join: (who: Address, netuid: number, stake: bigint, validator: boolean): Tx[] => [
      {
        from: who,
        to: c.WHETU,
        abi: WHETUAbi,
        functionName: 'approve',
        args: [c.GlobalStaking, stake + E(1)],
      },
      {
        from: who,
        to: c.GlobalStaking,
        abi: GlobalStakingAbi,
        functionName: 'addGlobalStake',
        args: [stake + E(1)],
      },
      {
        from: who,
        to: c.NeuronManager,
        abi: NeuronManagerAbi,
        functionName: 'registerNeuronWithStakeAllocation',
        args: [netuid, stake, validator, 'http://127.0.0.1', 8091, '', 0],
      },
    ],
    setWeights: (validator: Address, netuid: number, weights: Record<Address, number>): Tx => ({
      from: validator,
      to: c.Weights,
      abi: WeightsAbi,
      functionName: 'setWeights',
      args: [netuid, Object.entries(weights).map(([dest, weight]) => ({ dest, weight: BigInt(weight) }))],
    }),
    alphaBalance: (s: SubnetHandle, who: Address) =>
      read<bigint>(s.alphaToken, AlphaTokenAbi, 'balanceOf', [who]),
    alphaSupply: (s: SubnetHandle) => read<bigint>(s.alphaToken, AlphaTokenAbi, 'totalSupply'),
    async pool(s: SubnetHandle) {
      const info = await read<readonly bigint[]>(s.ammPool, SubnetAMMAbi, 'getPoolInfo')
      return { taoIn: info[1]!, alphaIn: info[2]! }
    },
    head: async () => BigInt(await rpc<Hex>(net.rpcUrl, 'eth_blockNumber')),
  }
}

import { decodeFunctionResult } from 'viem'

function decode<T>(abi: Abi, functionName: string, data: Hex): T {
  return decodeFunctionResult({ abi, functionName, data } as never) as T
}
