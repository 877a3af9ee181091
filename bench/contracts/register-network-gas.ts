// Gas of SubnetManager.registerNetwork: ours on the localnet vs the reference contracts' figure measured
// in the spec (Appendix A: 3 577 186 gas for the first subnet, default hyperparameters, lock at the
// floor). Our pools are EIP-1167 clones with immutable arguments, so most of the difference is the
// pool's code no longer being deployed per subnet. Prints both and the ratio.
import { createPublicClient, createWalletClient, defineChain, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { SubnetManagerAbi, WHETUAbi } from '../../src/chain/abi/index.js'
import { startLocalnet } from '../../src/localnet/localnet.js'
import { report } from '../report.js'

const REFERENCE_GAS = 3_577_186

await using net = await startLocalnet()
const account = privateKeyToAccount(net.accounts[1]!.privateKey)
const chain = defineChain({
  id: net.chainId,
  name: 'Hetu localnet',
  nativeCurrency: { name: 'HETU', symbol: 'HETU', decimals: 18 },
  rpcUrls: { default: { http: [net.rpcUrl] } },
})
const transport = http(net.rpcUrl)
const client = createPublicClient({ chain, transport })
const wallet = createWalletClient({ account, chain, transport })
const sm = net.contracts.SubnetManager

const gas: bigint[] = []
for (let i = 0; i < 3; i++) {
  const cost = await client.readContract({
    address: sm,
    abi: SubnetManagerAbi,
    functionName: 'getNetworkLockCost',
  })
  await wallet.writeContractSync({
    address: net.contracts.WHETU,
    abi: WHETUAbi,
    functionName: 'approve',
    args: [sm, cost],
  })
  const receipt = await wallet.writeContractSync({
    address: sm,
    abi: SubnetManagerAbi,
    functionName: 'registerNetwork',
    args: [`Subnet ${i}`, 'benchmark subnet', `Alpha ${i}`, `A${i}`],
  })
  gas.push(receipt.gasUsed)
}
report(
  'registerNetwork, first subnet (ours)',
  Number(gas[0]),
  'reference contracts (spec Appendix A)',
  REFERENCE_GAS,
  'gas',
)
console.log(`later registrations (lock above the floor, excess to 0x…dEaD): ${gas.slice(1).join(', ')} gas`)
