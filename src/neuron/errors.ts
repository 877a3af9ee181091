import { HetuError } from '../errors.js'

/** The account is registered on the subnet in the other role (a validator running a Miner, or the reverse). */
export class NeuronRoleMismatchError extends HetuError {
  override name = 'NeuronRoleMismatchError'
  constructor(args: { netuid: number; account: string; expected: 'miner' | 'validator' }) {
    const actual = args.expected === 'miner' ? 'validator' : 'miner'
    super(
      'NEURON_ROLE_MISMATCH',
      `${args.account} is registered on subnet ${args.netuid} as a ${actual}, not as a ${args.expected}.`,
      {
        details: 'The role is fixed for the life of a registration.',
        hint: `Run a ${actual === 'miner' ? 'Miner' : 'Validator'} with this key, or use another key for the ${args.expected}.`,
        meta: args,
      },
    )
  }
}

/** The neuron is not registered and was told not to register itself (`register: false`). */
export class NeuronNotRegisteredYetError extends HetuError {
  override name = 'NeuronNotRegisteredYetError'
  constructor(args: { netuid: number; account: string; role: 'miner' | 'validator' }) {
    super('NEURON_REGISTRATION_REQUIRED', `${args.account} is not registered on subnet ${args.netuid}.`, {
      hint: `Register it first (registerNeuron) or start the ${args.role} with register: true and the stake to allocate.`,
      meta: args,
    })
  }
}

/** No key to sign with: neither `hotkey`, `wallet` nor a local account on the client. */
export class NeuronKeyError extends HetuError {
  override name = 'NeuronKeyError'
  constructor(detail: string) {
    super('NEURON_KEY_MISSING', 'A neuron needs its hotkey to register, sign requests and answers.', {
      details: detail,
      hint: 'Pass `hotkey` (a 0x private key or a viem local account), `wallet`, or a client created with a local account.',
    })
  }
}

/** A Miner or Validator used in a state that does not allow it (e.g. started twice, used after stop). */
export class NeuronStateError extends HetuError {
  override name = 'NeuronStateError'
  constructor(what: string, state: string, hint: string) {
    super('NEURON_STATE', `${what}: it is ${state}.`, { hint, meta: { state } })
  }
}

/** A validator step that was cut short because the validator is stopping. */
export class ValidatorStoppedError extends HetuError {
  override name = 'ValidatorStoppedError'
  constructor() {
    super('VALIDATOR_STOPPED', 'The validator stopped during the step; nothing was scored or set.', {
      hint: 'Expected when stop() is called mid-step; create a new Validator to run again.',
    })
  }
}

/** An invalid option of a Miner or Validator, caught before anything starts. */
export class NeuronOptionError extends HetuError {
  override name = 'NeuronOptionError'
  constructor(option: string, problem: string, hint?: string) {
    super('NEURON_OPTION_INVALID', `Option ${option} ${problem}.`, {
      hint: hint ?? 'Fix the option; defaults are documented on MinerOptions and ValidatorOptions.',
      meta: { option },
    })
  }
}
