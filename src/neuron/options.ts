// Checks of numeric neuron options: a wrong value is a NeuronOptionError naming the option.
import { NeuronOptionError } from './errors.js'

export function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new NeuronOptionError(option, `must be a positive number (got ${value})`)
  return value
}

export function nonNegative(option: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new NeuronOptionError(option, `must be a number ≥ 0 (got ${value})`)
  return value
}
