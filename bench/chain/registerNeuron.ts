// Full neuron registration from an account holding only native HETU (wrap, approve, stake, register):
// ours (registerNeuron: batched prerequisite reads, eth_sendRawTransactionSync receipts) vs the same four
// transactions sent one by one with receipts polled every 100 ms (web3.py's default poll latency, the
// Python SDK's way). Same localnet, same run, median of RUNS registrations each.
import { createWalletClient, http, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { readContract, waitForTransactionReceipt, writeContract } from 'viem/actions'
import {
  GlobalStakingAbi,
  NeuronManagerAbi,
  SubnetManagerAbi,
  WHETUAbi,
} from '../../src/chain/actions/index.js'
import { hetuClient } from '../../test/fixtures/localnet.js'
import { median, report } from '../report.js'
import { benchSubnet } from '../subnet.js'

const runs = Number(process.env.RUNS ?? 7)
await using subnet = await benchSubnet()
const { net, client: owner, netuid } = subnet
const chain = owner.chain

/** A new account funded with native HETU only. */
async function freshAccount() {
  const account = privateKeyToAccount(generatePrivateKey())
  await owner.transfer({ to: account.address, amount: parseEther('1000') })
  return account
}

async function reference(account: ReturnType<typeof privateKeyToAccount>) {
  const wallet = createWalletClient({ account, chain, transport: http(net.rpcUrl) })
  const params = await readContract(wallet, {
    address: net.contracts.SubnetManager,
    abi: SubnetManagerAbi,
    functionName: 'getSubnetParams',
    args: [netuid],
  })
  const stake = params.neuronThreshold
  const amount = stake + params.baseNeuronCost
  const send = async (hash: `0x${string}`) =>
    waitForTransactionReceipt(wallet, { hash, pollingInterval: 100 })
  await send(
    await writeContract(wallet, {
      address: net.contracts.WHETU,
      abi: WHETUAbi,
      functionName: 'deposit',
      value: amount,
    }),
  )
  await send(
    await writeContract(wallet, {
      address: net.contracts.WHETU,
      abi: WHETUAbi,
      functionName: 'approve',
      args: [net.contracts.GlobalStaking, amount],
    }),
  )
  await send(
    await writeContract(wallet, {
      address: net.contracts.GlobalStaking,
      abi: GlobalStakingAbi,
      functionName: 'addGlobalStake',
      args: [amount],
    }),
  )
  await send(
    await writeContract(wallet, {
      address: net.contracts.NeuronManager,
      abi: NeuronManagerAbi,
      functionName: 'registerNeuronWithStakeAllocation',
      args: [netuid, stake, false, '127.0.0.1', 8091, '', 0],
    }),
  )
}

const oursMs: number[] = []
const referenceMs: number[] = []
for (let i = 0; i < runs; i++) {
  const a = await freshAccount()
  const client = await hetuClient(net, { account: a })
  let started = performance.now()
  const result = await client.registerNeuron({
    netuid,
    isValidatorRole: false,
    axonEndpoint: '127.0.0.1',
    axonPort: 8091,
  })
  oursMs.push(performance.now() - started)
  if (result.prerequisites.length !== 3)
    throw new Error('expected wrap, approve and stake before registering')

  const b = await freshAccount()
  started = performance.now()
  await reference(b)
  referenceMs.push(performance.now() - started)
}
console.log(`# neuron registration flow (wrap, approve, stake, register), median of ${runs}`)
report(
  'registerNeuron (ours)',
  median(oursMs),
  'four txs, receipts polled at 100 ms (Python SDK way)',
  median(referenceMs),
  'ms',
)
