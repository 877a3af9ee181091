import { getPoolInfo } from '../actions/amm/getPoolInfo.js'
import { quoteSwap } from '../actions/amm/quoteSwap.js'
import { swapAlphaForHetu } from '../actions/amm/swapAlphaForHetu.js'
import { swapHetuForAlpha } from '../actions/amm/swapHetuForAlpha.js'
import { getCurrentBlock } from '../actions/block/getCurrentBlock.js'
import { getStakeStatus } from '../actions/monitoring/getStakeStatus.js'
import { getSubnetHealth } from '../actions/monitoring/getSubnetHealth.js'
import { getSubnetRewardRate } from '../actions/monitoring/getSubnetRewardRate.js'
import { deregisterNeuron } from '../actions/neuron/deregisterNeuron.js'
import { getNeuronInfo } from '../actions/neuron/getNeuronInfo.js'
import { getNeuronInfos } from '../actions/neuron/getNeuronInfos.js'
import { getNeuronList } from '../actions/neuron/getNeuronList.js'
import { getSubnetMinerCount } from '../actions/neuron/getSubnetMinerCount.js'
import { getSubnetMiners } from '../actions/neuron/getSubnetMiners.js'
import { getSubnetNeuronCount } from '../actions/neuron/getSubnetNeuronCount.js'
import { getSubnetNeurons } from '../actions/neuron/getSubnetNeurons.js'
import { getSubnetValidatorCount } from '../actions/neuron/getSubnetValidatorCount.js'
import { getSubnetValidators } from '../actions/neuron/getSubnetValidators.js'
import { registerNeuron } from '../actions/neuron/registerNeuron.js'
import { updateNeuronService } from '../actions/neuron/updateNeuronService.js'
import { addGlobalStake } from '../actions/staking/addGlobalStake.js'
import { allocateToSubnet } from '../actions/staking/allocateToSubnet.js'
import { deallocateFromSubnet } from '../actions/staking/deallocateFromSubnet.js'
import { getAvailableStake } from '../actions/staking/getAvailableStake.js'
import { getStakeInfo } from '../actions/staking/getStakeInfo.js'
import { getSubnetAllocation } from '../actions/staking/getSubnetAllocation.js'
import { moveStake } from '../actions/staking/moveStake.js'
import { removeGlobalStake } from '../actions/staking/removeGlobalStake.js'
import { activateSubnet } from '../actions/subnet/activateSubnet.js'
import { addSubnetMinter } from '../actions/subnet/addSubnetMinter.js'
import { getAllSubnetDetails } from '../actions/subnet/getAllSubnetDetails.js'
import { getNetworkLockCost } from '../actions/subnet/getNetworkLockCost.js'
import { getNetworkParams } from '../actions/subnet/getNetworkParams.js'
import { getSubnetDetails } from '../actions/subnet/getSubnetDetails.js'
import { getSubnetInfo } from '../actions/subnet/getSubnetInfo.js'
import { getSubnetParams } from '../actions/subnet/getSubnetParams.js'
import { getSubnets } from '../actions/subnet/getSubnets.js'
import { registerSubnet } from '../actions/subnet/registerSubnet.js'
import { removeSubnetMinter } from '../actions/subnet/removeSubnetMinter.js'
import { updateNetworkConfig } from '../actions/subnet/updateNetworkConfig.js'
import { updateSubnetParams } from '../actions/subnet/updateSubnetParams.js'
import { waitForSubnetRateLimit } from '../actions/subnet/waitForSubnetRateLimit.js'
import { getAlphaBalance } from '../actions/token/getAlphaBalance.js'
import { getBalance } from '../actions/token/getBalance.js'
import { getBalances } from '../actions/token/getBalances.js'
import { transfer } from '../actions/token/transfer.js'
import { unwrapHetu } from '../actions/token/unwrapHetu.js'
import { wrapHetu } from '../actions/token/wrapHetu.js'
import { getWeights } from '../actions/weights/getWeights.js'
import { setWeights } from '../actions/weights/setWeights.js'
import type { HetuBaseClient } from './types.js'

/** Binds every action to a client, viem-style: `client.extend(hetuActions)`. */
export function hetuActions(client: HetuBaseClient) {
  const bind =
    <P, R>(action: (client: HetuBaseClient, parameters: P) => Promise<R>) =>
    (parameters: P) =>
      action(client, parameters)
  const bindOptional =
    <P, R>(action: (client: HetuBaseClient, parameters?: P) => Promise<R>) =>
    (parameters?: P) =>
      action(client, parameters)
  return {
    // block
    getCurrentBlock: () => getCurrentBlock(client),
    // subnets
    getSubnets: bindOptional(getSubnets),
    getSubnetInfo: bind(getSubnetInfo),
    getSubnetParams: bind(getSubnetParams),
    getSubnetDetails: bind(getSubnetDetails),
    getAllSubnetDetails: bindOptional(getAllSubnetDetails),
    getNetworkLockCost: bindOptional(getNetworkLockCost),
    getNetworkParams: bindOptional(getNetworkParams),
    waitForSubnetRateLimit: bindOptional(waitForSubnetRateLimit),
    registerSubnet: bind(registerSubnet),
    activateSubnet: bind(activateSubnet),
    addSubnetMinter: bind(addSubnetMinter),
    removeSubnetMinter: bind(removeSubnetMinter),
    updateSubnetParams: bind(updateSubnetParams),
    updateNetworkConfig: bind(updateNetworkConfig),
    // neurons
    registerNeuron: bind(registerNeuron),
    deregisterNeuron: bind(deregisterNeuron),
    updateNeuronService: bind(updateNeuronService),
    getNeuronInfo: bind(getNeuronInfo),
    getNeuronInfos: bind(getNeuronInfos),
    getNeuronList: bind(getNeuronList),
    getSubnetNeurons: bind(getSubnetNeurons),
    getSubnetValidators: bind(getSubnetValidators),
    getSubnetMiners: bind(getSubnetMiners),
    getSubnetNeuronCount: bind(getSubnetNeuronCount),
    getSubnetValidatorCount: bind(getSubnetValidatorCount),
    getSubnetMinerCount: bind(getSubnetMinerCount),
    // staking
    addGlobalStake: bind(addGlobalStake),
    removeGlobalStake: bind(removeGlobalStake),
    allocateToSubnet: bind(allocateToSubnet),
    deallocateFromSubnet: bind(deallocateFromSubnet),
    moveStake: bind(moveStake),
    getStakeInfo: bindOptional(getStakeInfo),
    getAvailableStake: bindOptional(getAvailableStake),
    getSubnetAllocation: bind(getSubnetAllocation),
    // tokens
    wrapHetu: bind(wrapHetu),
    unwrapHetu: bind(unwrapHetu),
    getBalance: bindOptional(getBalance),
    getBalances: bindOptional(getBalances),
    getAlphaBalance: bind(getAlphaBalance),
    transfer: bind(transfer),
    // AMM
    getPoolInfo: bind(getPoolInfo),
    quoteSwap: bind(quoteSwap),
    swapHetuForAlpha: bind(swapHetuForAlpha),
    swapAlphaForHetu: bind(swapAlphaForHetu),
    // weights
    setWeights: bind(setWeights),
    getWeights: bind(getWeights),
    // monitoring
    getSubnetHealth: bind(getSubnetHealth),
    getStakeStatus: bindOptional(getStakeStatus),
    getSubnetRewardRate: bind(getSubnetRewardRate),
  }
}

export type HetuActions = ReturnType<typeof hetuActions>
