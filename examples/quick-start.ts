// The README's quick start, as is: a localnet, a subnet, a miner serving an axon registered on chain,
// and a query to the miners the chain lists. Top-level code, no main(): `npm run example:quick-start`.
import { Axon, Dendrite, HetuSubnet, Synapse, startLocalnet } from 'hetu-subnet'

await using net = await startLocalnet() // anvil + the Hetu contracts, in about half a second
const key = net.accounts[0]!.privateKey // a funded dev account: the subnet's owner, and its miner here
const hetu = await HetuSubnet.connect({ rpcUrl: net.rpcUrl, contracts: net.contracts, account: key })
const subnet = { name: 'Sum', description: 'adds numbers', tokenName: 'Sum', tokenSymbol: 'SUM' }
const { netuid } = await hetu.registerSubnet(subnet) // locks 100 WHETU: creates its Alpha token and pool
await hetu.activateSubnet({ netuid })
const add = (s: Synapse) => ({
  completion: s.completion.replace(/^add (\d+) (\d+)$/, (_, a, b) => `${+a + +b}`),
})
await using axon = await new Axon({ hotkey: key, ip: '127.0.0.1', port: 0 }).attach(add).start()
await hetu.registerNeuron({ netuid, isValidatorRole: false, axonEndpoint: '127.0.0.1', axonPort: axon.port })
await using dendrite = new Dendrite()
const miners = await hetu.getSubnetNeurons(netuid) // from the chain: address, endpoint, stake
const answers = await dendrite.query(miners, new Synapse({ completion: 'add 15 25' }))
console.log(answers.map((a) => `${a.axon.hotkey}: ${a.completion}`)) // [ '0xf39F…: 40' ]
