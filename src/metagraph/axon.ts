import { isIPv6 } from 'node:net'
import type { Address } from 'viem'
import type { MetagraphAxon } from './types.js'

/**
 * The axon a neuron announces. The chain stores a free-form endpoint string and a port: a bare host
 * ("1.2.3.4", "miner.example") or a URL ("https://miner.example:8443/"); the port field wins over a
 * port inside the URL, as a dendrite dials `endpoint:axonPort`.
 */
export function axonOf(hotkey: Address, axonEndpoint: string, axonPort: number): MetagraphAxon {
  let scheme = 'http:'
  let host = axonEndpoint.trim()
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) {
    try {
      const url = new URL(host)
      scheme = url.protocol
      host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
    } catch {
      host = ''
    }
  }
  const isServing = host.length > 0 && axonPort > 0 && axonPort <= 65535
  const endpoint = isServing ? `${scheme}//${isIPv6(host) ? `[${host}]` : host}:${axonPort}` : ''
  return { ip: host, port: axonPort, hotkey, endpoint, isServing }
}
