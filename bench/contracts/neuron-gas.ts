// Gas of registerNeuronWithStakeAllocation on the localnet, in the spec's Appendix A scenario (a
// validator stakes 1000 HETU and registers with 500 as the first neuron of a fresh subnet), against the
// spec's figure for the public contracts (≈408 000 gas, measured there on the reference Solidity).
// Also prints the neighbouring operations of a neuron's life for context (no reference figures exist).
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type LocalAccount,
  parseEther,
  parseEventLogs,
  type TransactionReceipt,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import {
  GlobalStakingAbi,
  NeuronManagerAbi,
  SubnetManagerAbi,
  WeightsAbi,
  WHETUAbi,
} from '../../src/chain/abi/index.js'
import { startLocalnet } from '../../src/localnet/localnet.js'
import { report } from '../report.js'

/** Spec Appendix A: "register validator with 500 (staked 1000) → OK (≈408 k gas)". */
const SPEC_REGISTER_NEURON_GAS = 408_000

await using net = await startLocalnet()
const chain = defineChain({
  id: net.chainId,
  name: 'Hetu localnet',
  nativeCurrency: { name: 'HETU', symbol: 'HETU', decimals: 18 },
  rpcUrls: { default: { http: [net.rpcUrl] } },
})
const transport = http(net.rpcUrl)
const client = createPublicClient({ chain, transport })
const [owner, validator, miner] = net.accounts.map((a) => privateKeyToAccount(a.privateKey)) as [
  LocalAccount,
  LocalAccount,
  LocalAccount,
]
const c = net.contracts
const write = (
  account: LocalAccount,
  call: { address: `0x${string}`; abi: unknown; functionName: string; args?: unknown[] },
) =>
  createWalletClient({ account, chain, transport }).writeContractSync({
    ...call,
    throwOnReceiptRevert: true,
  } as never) as Promise<TransactionReceipt>

// A fresh, active subnet (netuid 1).
await write(owner, {
  address: c.WHETU,
  abi: WHETUAbi,
  functionName: 'approve',
  args: [
    c.SubnetManager,
    await client.readContract({
      address: c.SubnetManager,
      abi: SubnetManagerAbi,
      functionName: 'getNetworkLockCost',
    }),
  ],
})
const registered = await write(owner, {
  address: c.SubnetManager,
  abi: SubnetManagerAbi,
  functionName: 'registerNetwork',
  args: ['bench', '', 'Bench Alpha', 'BALPHA'],
})
const netuid = parseEventLogs({
  abi: SubnetManagerAbi,
  logs: registered.logs,
  eventName: 'NetworkRegistered',
})[0]!.args.netuid
await write(owner, {
  address: c.SubnetManager,
  abi: SubnetManagerAbi,
  functionName: 'activateSubnet',
  args: [netuid],
})

const stake = async (who: LocalAccount, amount: bigint) => {
  await write(who, {
    address: c.WHETU,
    abi: WHETUAbi,
    functionName: 'approve',
    args: [c.GlobalStaking, amount],
  })
  await write(who, {
    address: c.GlobalStaking,
    abi: GlobalStakingAbi,
    functionName: 'addGlobalStake',
    args: [amount],
  })
}
const register = (who: LocalAccount, amount: bigint, asValidator: boolean) =>
  write(who, {
    address: c.NeuronManager,
    abi: NeuronManagerAbi,
    functionName: 'registerNeuronWithStakeAllocation',
    args: [netuid, amount, asValidator, 'http://127.0.0.1', 8091, 'http://127.0.0.1', 9090],
  })

await stake(validator, parseEther('1000'))
const first = await register(validator, parseEther('500'), true)
report(
  'registerNeuronWithStakeAllocation, ours (validator 500 of 1000, first neuron)',
  Number(first.gasUsed),
  'public contracts (spec Appendix A)',
  SPEC_REGISTER_NEURON_GAS,
  'gas',
)

await stake(miner, parseEther('201'))
const second = await register(miner, parseEther('200'), false)
const entries = Array.from({ length: 16 }, (_, i) => ({
  dest: `0x${(i + 1).toString(16).padStart(40, '0')}` as `0x${string}`,
  weight: 62_500n,
}))
const weightsFirst = await write(validator, {
  address: c.Weights,
  abi: WeightsAbi,
  functionName: 'setWeights',
  args: [netuid, entries],
})
const weightsAgain = await write(validator, {
  address: c.Weights,
  abi: WeightsAbi,
  functionName: 'setWeights',
  args: [netuid, entries],
})
const leave = await write(miner, {
  address: c.NeuronManager,
  abi: NeuronManagerAbi,
  functionName: 'deregisterNeuron',
  args: [netuid],
})
console.log(`registerNeuronWithStakeAllocation, miner 200 (second neuron): ${second.gasUsed} gas`)
console.log(
  `setWeights, 16 entries, first vector: ${weightsFirst.gasUsed} gas; replaced: ${weightsAgain.gasUsed} gas`,
)
console.log(`deregisterNeuron (releases the allocation): ${leave.gasUsed} gas`)
