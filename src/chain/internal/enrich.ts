import {
  type ContractRevertError,
  NeuronAlreadyRegisteredError,
  NeuronNotRegisteredError,
  NotValidatorError,
  SubnetAlreadyActiveError,
  SubnetNotActiveError,
  SubnetNotFoundError,
} from '../errors/contract.js'

/** Re-creates subnet/neuron errors with the netuid (and account) the action was called with. */
export function withSubject(err: unknown, subject: { netuid: number; account?: string }): unknown {
  const revert = (e: ContractRevertError) => e.revert
  let next: Error | undefined
  if (err instanceof SubnetNotFoundError) next = new SubnetNotFoundError(revert(err), subject.netuid)
  else if (err instanceof SubnetNotActiveError) next = new SubnetNotActiveError(revert(err), subject.netuid)
  else if (err instanceof SubnetAlreadyActiveError)
    next = new SubnetAlreadyActiveError(revert(err), subject.netuid)
  else if (err instanceof NeuronAlreadyRegisteredError)
    next = new NeuronAlreadyRegisteredError(revert(err), subject)
  else if (err instanceof NeuronNotRegisteredError) next = new NeuronNotRegisteredError(revert(err), subject)
  else if (err instanceof NotValidatorError) next = new NotValidatorError(revert(err), subject)
  if (!next) return err
  return explained(next, err)
}

/** `next` with `err` as its (non-enumerable) cause: a more specific error for the same revert. */
export function explained<T extends Error>(next: T, err: unknown): T {
  Object.defineProperty(next, 'cause', { value: err, enumerable: false })
  return next
}
