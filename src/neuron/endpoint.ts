import type { NeuronInfo } from '../chain/types/neuron.js'

/** Where a neuron says it serves: its axon, and its Prometheus metrics when it has them. */
export interface ServiceEndpoint {
  ip: string
  port: number
  /** Host of the metrics server ('' when none). */
  prometheusIp: string
  /** Port of the metrics server (0 when none). */
  prometheusPort: number
}

/** The host of an endpoint as stored on chain: a bare host, or a URL (what the Hetu CLI writes). */
export function endpointHost(endpoint: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint)) {
    try {
      const host = new URL(endpoint).hostname
      return host.startsWith('[') ? host.slice(1, -1) : host
    } catch {
      return endpoint
    }
  }
  return endpoint
}

/** The service endpoint a neuron announces on chain. */
export function endpointOf(neuron: NeuronInfo): ServiceEndpoint {
  return {
    ip: endpointHost(neuron.axonEndpoint),
    port: neuron.axonPort,
    prometheusIp: endpointHost(neuron.prometheusEndpoint),
    prometheusPort: neuron.prometheusPort,
  }
}

export function sameEndpoint(a: ServiceEndpoint, b: ServiceEndpoint): boolean {
  return (
    a.ip === b.ip &&
    a.port === b.port &&
    a.prometheusIp === b.prometheusIp &&
    a.prometheusPort === b.prometheusPort
  )
}
