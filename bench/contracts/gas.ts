// Gas of the two heaviest user transactions on our contracts vs the reference contracts' figures of the
// spec (Appendix A: registerNetwork 3 577 186, registerNeuronWithStakeAllocation about 408 000).
import { createWalletClient, http, parseEther, publicActions } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { GlobalStakingAbi, NeuronManagerAbi, SubnetManagerAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { startLocalnet } from '../../src/localnet/localnet.js'
import { report } from '../report.js'

await using net = await startLocalnet()
const chain = {
  id: net.chainId,
  name: 'local',
  nativeCurrency: { name: 'HETU', symbol: 'HETU', decimals: 18 },
  rpcUrls: { default: { http: [net.rpcUrl] } },
} as const
const clientFor = (i: number) =>
  createWalletClient({
    chain,
    account: privateKeyToAccount(net.accounts[i]!.privateKey),
    transport: http(net.rpcUrl),
  }).extend(publicActions)
const owner = clientFor(0)
const gasOf = async (hash: `0x${string}`) =>
  (await owner.waitForTransactionReceipt({ hash, pollingInterval: 20 })).gasUsed
const { contracts: c } = net

await gasOf(
  await owner.writeContract({
    address: c.WHETU,
    abi: WHETUAbi,
    functionName: 'approve',
    args: [c.SubnetManager, parseEther('100')],
  }),
)
const registerNetwork = await gasOf(
  await owner.writeContract({
    address: c.SubnetManager,
    abi: SubnetManagerAbi,
    functionName: 'registerNetwork',
    args: ['bench', 'gas bench', 'Bench Alpha', 'BNCH'],
    gas: 8_000_000n,
  }),
)
await gasOf(
  await owner.writeContract({
    address: c.SubnetManager,
    abi: SubnetManagerAbi,
    functionName: 'activateSubnet',
    args: [1],
  }),
)

const validator = clientFor(1)
const stake = parseEther('1000')
await gasOf(
  await validator.writeContract({
    address: c.WHETU,
    abi: WHETUAbi,
    functionName: 'approve',
    args: [c.GlobalStaking, stake],
  }),
)
await gasOf(
  await validator.writeContract({
    address: c.GlobalStaking,
    abi: GlobalStakingAbi,
    functionName: 'addGlobalStake',
    args: [stake],
  }),
)
const registerNeuron = await gasOf(
  await validator.writeContract({
    address: c.NeuronManager,
    abi: NeuronManagerAbi,
    functionName: 'registerNeuronWithStakeAllocation',
    args: [1, parseEther('500'), true, '127.0.0.1', 8091, '127.0.0.1', 9091],
  }),
)
report(
  'registerNetwork gas (ours)',
  Number(registerNetwork),
  'registerNetwork gas (reference, spec)',
  3_577_186,
  'gas',
)
report(
  'registerNeuronWithStakeAllocation gas (ours)',
  Number(registerNeuron),
  'registerNeuronWithStakeAllocation gas (reference, spec)',
  408_000,
  'gas',
)
