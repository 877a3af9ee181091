import { NeuronManagerAbi } from '../../abi/index.js'
import type { HetuBaseClient } from '../../client/types.js'
import type { WalletLockedError } from '../../errors/account.js'
import type { InvalidArgumentError } from '../../errors/amount.js'
import type { NeuronNotRegisteredError } from '../../errors/contract.js'
import type { RpcUnavailableError } from '../../errors/network.js'
import { assertNetuid, assertPort, contractAddress, signerOf } from '../../internal/context.js'
import { withSubject } from '../../internal/enrich.js'
import { txResult, writeHetu } from '../../internal/write.js'
import type { HetuTxResult, WriteOptions } from '../../types/tx.js'

export type UpdateNeuronServiceParameters = {
  netuid: number
  axonEndpoint: string
  axonPort: number
  prometheusEndpoint?: string
  prometheusPort?: number
} & WriteOptions
export type UpdateNeuronServiceReturnType = HetuTxResult & { netuid: number }
export type UpdateNeuronServiceErrorType =
  | NeuronNotRegisteredError
  | WalletLockedError
  | RpcUnavailableError
  | InvalidArgumentError

/** Changes the axon/prometheus endpoints a registered neuron announces. */
export async function updateNeuronService(
  client: HetuBaseClient,
  parameters: UpdateNeuronServiceParameters,
): Promise<UpdateNeuronServiceReturnType> {
  const { netuid, axonEndpoint, axonPort } = parameters
  const prometheusEndpoint = parameters.prometheusEndpoint ?? ''
  const prometheusPort = parameters.prometheusPort ?? 0
  assertNetuid(netuid)
  assertPort('axonPort', axonPort)
  assertPort('prometheusPort', prometheusPort)
  const signer = signerOf(client, parameters.account, 'updateNeuronService')
  try {
    const receipt = await writeHetu(client, 'updateNeuronService', {
      account: signer,
      address: contractAddress(client, 'NeuronManager'),
      abi: NeuronManagerAbi,
      functionName: 'updateNeuronService',
      args: [netuid, axonEndpoint, axonPort, prometheusEndpoint, prometheusPort],
    })
    return { ...txResult(receipt), netuid }
  } catch (err) {
    throw withSubject(err, { netuid, account: signer.address })
  }
}
