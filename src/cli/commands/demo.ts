import { createWalletClient, decodeEventLog, http, parseEther, publicActions } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { SubnetManagerAbi, WHETUAbi } from '../../chain/abi/index.js'
import { startLocalnet } from '../../localnet/localnet.js'

/** `npm run demo`: boots a localnet, registers and activates one subnet, prints addresses and the subnet. */
export async function runDemo(opts: { json?: boolean }): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const t0 = Date.now()
  await using net = await startLocalnet()
  log(`localnet up in ${Date.now() - t0} ms at ${net.rpcUrl}`)

  const owner = privateKeyToAccount(net.accounts[0]!.privateKey)
  const client = createWalletClient({ account: owner, transport: http(net.rpcUrl) }).extend(publicActions)
  const chain = {
    id: net.chainId,
    name: 'hetu-local',
    nativeCurrency: { name: 'HETU', symbol: 'HETU', decimals: 18 },
    rpcUrls: { default: { http: [net.rpcUrl] } },
  } as const
  const send = async (hash: `0x${string}`) => client.waitForTransactionReceipt({ hash, pollingInterval: 50 })

  const lockCost = await client.readContract({
    address: net.contracts.SubnetManager,
    abi: SubnetManagerAbi,
    functionName: 'getNetworkLockCost',
  })
  await send(
    await client.writeContract({
      chain,
      address: net.contracts.WHETU,
      abi: WHETUAbi,
      functionName: 'approve',
      args: [net.contracts.SubnetManager, lockCost],
    }),
  )
  const receipt = await send(
    await client.writeContract({
      chain,
      address: net.contracts.SubnetManager,
      abi: SubnetManagerAbi,
      functionName: 'registerNetwork',
      args: ['demo', 'The hetu-subnet demo subnet', 'Demo Alpha', 'DEMO'],
      gas: 8_000_000n,
    }),
  )
  const registered = receipt.logs
    .map((l) => {
      try {
        return decodeEventLog({ abi: SubnetManagerAbi, data: l.data, topics: l.topics })
      } catch {
        return undefined
      }
    })
    .find((e) => e?.eventName === 'NetworkRegistered')
  if (registered?.eventName !== 'NetworkRegistered')
    throw new Error('registerNetwork emitted no NetworkRegistered event')
  const { netuid, alphaToken, ammPool, lockedAmount } = registered.args
  await send(
    await client.writeContract({
      chain,
      address: net.contracts.SubnetManager,
      abi: SubnetManagerAbi,
      functionName: 'activateSubnet',
      args: [netuid],
    }),
  )
  await send(
    await client.writeContract({
      chain,
      address: net.contracts.SubnetManager,
      abi: SubnetManagerAbi,
      functionName: 'addSubnetMinter',
      args: [netuid, net.systemAddress],
    }),
  )
  const info = await client.readContract({
    address: net.contracts.SubnetManager,
    abi: SubnetManagerAbi,
    functionName: 'getSubnetInfo',
    args: [netuid],
  })

  const result = {
    rpcUrl: net.rpcUrl,
    chainId: net.chainId,
    contracts: net.contracts,
    subnet: {
      netuid,
      name: info.name,
      owner: info.owner,
      alphaToken,
      ammPool,
      lockedAmount: lockedAmount.toString(),
      isActive: info.isActive,
    },
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`)
  } else {
    console.log('Contracts')
    for (const [name, address] of Object.entries(net.contracts))
      console.log(`  ${name.padEnd(17)} ${address}`)
    console.log(`Subnet ${netuid} "${info.name}" owned by ${info.owner}`)
    console.log(`  alpha token ${alphaToken}\n  AMM pool    ${ammPool}`)
    console.log(`  locked ${Number(lockedAmount) / Number(parseEther('1'))} HETU, active: ${info.isActive}`)
  }
  log(`demo done in ${Date.now() - t0} ms`)
}
