import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AllocationBeforeRegistrationError, type HetuSubnet, Wallet } from '../../src/index.js'
import { type Localnet, startLocalnet } from '../../src/localnet/localnet.js'
import { connect } from '../fixtures/localnet.js'
import { tempDir } from '../wallet/helpers.js'

// The Python SDK README's `hetu.*` snippets, ported line by line (snake_case → camelCase, kwargs → one
// object, `block=` → `{ blockNumber }`). Python lines are quoted above their TypeScript.
describe.each(['public', 'fixed'] as const)(
  'Python SDK README snippets, ported line by line (%s rules)',
  (rules) => {
    let net: Localnet
    let hetu: HetuSubnet
    let wallet: Wallet
    let cleanup: () => Promise<void>

    beforeAll(async () => {
      net = await startLocalnet({ rules })
      const temp = await tempDir('hetu-seed-')
      cleanup = temp.cleanup
      await Wallet.import({
        name: 'username',
        password: 'password',
        privateKey: net.accounts[7]!.privateKey,
        singleKey: true,
        dir: temp.dir,
        scryptN: 1024,
      })
      // hetu = HetuSubnet(network="local", log_verbose=True)
      hetu = await connect(net, { network: 'local', walletDir: temp.dir })
      // hetu.set_wallet_from_username("username", "password")
      await hetu.setWalletFromUsername('username', 'password')
      wallet = await Wallet.load({ name: 'username', password: 'password', dir: temp.dir })
    })
    afterAll(async () => {
      await net?.stop()
      await cleanup?.()
    })

    /** What stays allocated to subnet 1 after the README's allocate_to_subnet(0.5 HETU). */
    const allocated = rules === 'public' ? 500000000000000000n : 200n * 10n ** 18n

    it('Subnet Operations: create, activate, register a neuron, stake', async () => {
      // success = hetu.register_subnet(wallet=wallet, name="AI Compute Network", description=…, token_name="AI Token", token_symbol="AIT")
      const created = await hetu.registerSubnet({
        wallet,
        name: 'AI Compute Network',
        description: 'Distributed AI computation services',
        tokenName: 'AI Token',
        tokenSymbol: 'AIT',
      })
      expect(created.netuid).toBe(1)
      // success = hetu.activate_subnet(wallet=wallet, netuid=1)
      await hetu.activateSubnet({ wallet, netuid: 1 })
      // success = hetu.register_neuron(netuid=1, is_validator_role=False, axon_endpoint="your.public.ip", axon_port=8091, prometheus_endpoint="", prometheus_port=0)
      const success = await hetu.registerNeuron({
        netuid: 1,
        isValidatorRole: false,
        axonEndpoint: 'your.public.ip',
        axonPort: 8091,
        prometheusEndpoint: '',
        prometheusPort: 0,
      })
      expect(success.account).toBe(wallet.hotkeyAddress)
      // success = hetu.add_global_stake(wallet=wallet, amount=1000000000000000000)
      await hetu.addGlobalStake({ wallet, amount: 1000000000000000000n })
      // success = hetu.allocate_to_subnet(wallet=wallet, netuid=1, amount=500000000000000000)
      // Allocation *sets* the subnet's stake. The public contracts take the README's 0.5 HETU (below the
      // 200 HETU miner threshold) and the miner stays registered with it; the fixed rules keep the role
      // threshold locked and refuse it with a typed error.
      const allocating = hetu.allocateToSubnet({ wallet, netuid: 1, amount: 500000000000000000n })
      if (rules === 'public')
        await expect(allocating).resolves.toMatchObject({ allocated: 500000000000000000n })
      else await expect(allocating).rejects.toMatchObject({ code: 'STAKE_LOCKED' })
      // Allocating to a subnet the wallet is not registered in is refused before anything is sent.
      await expect(hetu.allocateToSubnet({ wallet, netuid: 2, amount: 1n })).rejects.toBeInstanceOf(
        AllocationBeforeRegistrationError,
      )
    })

    it('Query subnet information / neuron lists', async () => {
      const netuid = 1
      // subnets = hetu.get_subnets()
      const subnets = await hetu.getSubnets()
      expect(subnets).toEqual([1])
      // subnet_info = hetu.get_subnet_info(netuid)
      const subnetInfo = await hetu.getSubnetInfo(netuid)
      expect(subnetInfo.isActive).toBe(true)
      // neurons = hetu.get_subnet_neurons(netuid); validators = …; miners = …
      const neurons = await hetu.getSubnetNeurons(netuid)
      const validators = await hetu.getSubnetValidators(netuid)
      const miners = await hetu.getSubnetMiners(netuid)
      expect([neurons.length, validators.length, miners.length]).toEqual([1, 0, 1])
    })

    it('Service discovery: discover_miners(netuid)', async () => {
      const netuid = 1
      // miners = hetu.get_subnet_miners(netuid)
      const miners = await hetu.getSubnetMiners(netuid)
      const minerInfo = []
      for (const minerAddr of miners) {
        // info = hetu.get_neuron_info(netuid, miner_addr)
        const info = await hetu.getNeuronInfo(netuid, minerAddr)
        // if info and info['is_active']:
        if (info?.isActive)
          minerInfo.push({
            address: minerAddr,
            endpoint: info.axonEndpoint,
            port: info.axonPort,
            stake: info.stake,
          })
      }
      // The stake is the live allocation: 0.5 HETU on the public contracts (their NeuronInfo.stake
      // field still says 200), the locked 200 on the fixed rules.
      expect(minerInfo).toEqual([
        { address: wallet.hotkeyAddress, endpoint: 'your.public.ip', port: 8091, stake: allocated },
      ])
    })

    it('State synchronization: sync_subnet_state / sync_neuron_status', async () => {
      const netuid = 1
      // latest_block = hetu.get_current_block()
      const latestBlock = await hetu.getCurrentBlock()
      // subnet_state = hetu.get_subnet_info(netuid, block=latest_block)
      const subnetState = await hetu.getSubnetInfo(netuid, { blockNumber: latestBlock })
      expect(subnetState).toEqual(await hetu.getSubnetInfo(netuid))
      // neuron_info = hetu.get_neuron_info(netuid, neuron_address)
      const neuronInfo = await hetu.getNeuronInfo(netuid, wallet.hotkeyAddress)
      expect(neuronInfo?.axonPort).toBe(8091)
    })

    it('Monitoring: monitor_subnet_health(netuid) and check_stake_status(user_address)', async () => {
      const netuid = 1
      // params = hetu.get_subnet_params(netuid)
      const params = await hetu.getSubnetParams(netuid)
      // total_neurons = hetu.get_subnet_neuron_count(netuid); total_validators = …; total_miners = …
      const totalNeurons = await hetu.getSubnetNeuronCount(netuid)
      const totalValidators = await hetu.getSubnetValidatorCount(netuid)
      const totalMiners = await hetu.getSubnetMinerCount(netuid)
      expect([params.tempo, totalNeurons, totalValidators, totalMiners]).toEqual([99, 1, 0, 1])

      const userAddress = wallet.coldkeyAddress
      // stake_info = hetu.get_stake_info(user_address)
      const stakeInfo = await hetu.getStakeInfo(userAddress)
      expect(stakeInfo.totalStaked).toBe(202n * 10n ** 18n)
      // subnets = hetu.get_subnets()
      const subnets = await hetu.getSubnets()
      const allocations: Record<number, bigint> = {}
      for (const netuid of subnets) {
        // allocation = hetu.get_subnet_allocation(user_address, netuid)
        const allocation = await hetu.getSubnetAllocation(netuid, userAddress)
        if (allocation) allocations[netuid] = allocation.allocated
      }
      expect(allocations).toEqual({ 1: allocated })
    })
  },
)
