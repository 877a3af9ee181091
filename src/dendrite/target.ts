import { isIPv6 } from 'node:net'
import { isAddressLike, toChecksumAddress } from '../protocol/address.js'

/** An axon given by address and hotkey (Python `AxonInfo`; also what `Axon.info()` returns). */
export interface AxonAddress {
  ip: string
  port: number
  hotkey: string
}

/** A neuron as the chain's `NeuronInfo` describes it (endpoint may be a bare host or a URL). */
export interface NeuronEndpoint {
  axonEndpoint: string
  axonPort: number | bigint
  /** The neuron's hotkey (`account` in the contract struct). */
  account?: string
  hotkey?: string
}

/** Anything a dendrite can call: an `Axon` (anything with `info()`), an address, or a neuron. */
export type AxonTarget = { info(): AxonAddress } | AxonAddress | NeuronEndpoint

/** A target made ready to dial. */
export interface ResolvedTarget {
  ip: string
  port: number
  /** EIP-55 (a Python axon rebuilds the signed message with its checksummed address). */
  hotkey: string
  origin: string
}

function hostOf(endpoint: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)) {
    const host = new URL(endpoint).hostname
    return host.startsWith('[') ? host.slice(1, -1) : host
  }
  return endpoint
}

/**
 * Resolves a target; returns a reason (string) instead of throwing when it is unusable, so one
 * bad entry in a fan-out only fails its own slot. `localIps` are dialled as 127.0.0.1 (the
 * Python dendrite dials 0.0.0.0 when the target is its own external IP).
 */
export function resolveTarget(target: AxonTarget, localIps: ReadonlySet<string>): ResolvedTarget | string {
  let address: { ip: string; port: number | bigint; hotkey: string | undefined }
  if (typeof (target as { info?: unknown }).info === 'function') {
    const info = (target as { info(): AxonAddress }).info()
    address = info
  } else if ('axonEndpoint' in target) {
    address = {
      ip: hostOf(target.axonEndpoint),
      port: target.axonPort,
      hotkey: target.hotkey ?? target.account,
    }
  } else if ('ip' in target) {
    address = target
  } else return 'not an axon: expected { ip, port, hotkey }, a neuron or an Axon'
  const port = Number(address.port)
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `invalid axon port ${String(address.port)}`
  if (!isAddressLike(address.hotkey)) return 'axon hotkey missing or not an address'
  if (typeof address.ip !== 'string' || address.ip.length === 0) return 'axon ip missing'
  const dial =
    address.ip === '0.0.0.0' || address.ip === '::' || localIps.has(address.ip) ? '127.0.0.1' : address.ip
  return {
    ip: address.ip,
    port,
    hotkey: toChecksumAddress(address.hotkey),
    // The IPv6 test is a long regex: only addresses with a colon can be IPv6.
    origin: `http://${dial.includes(':') && isIPv6(dial) ? `[${dial}]` : dial}:${port}`,
  }
}
