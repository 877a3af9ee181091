import { describe, expect, it } from 'vitest'
import { AxonMetrics } from '../../src/axon/metrics.js'

// The counts every request updates are kept in plain numbers and read into prom-client at scrape
// time: the export must read as prom-client's own Counter and Histogram would.
describe('AxonMetrics export', () => {
  const scrape = async () => {
    const metrics = new AxonMetrics('0xabc', () => ({ inFlight: 2, queued: 1 }))
    metrics.observe('Echo', 200, 0.0003, undefined, true)
    metrics.observe('Echo', 200, 0.004)
    metrics.observe('Echo', 401, 0.02, 'bad_mac', true)
    metrics.observe('unknown', 404, 0.00001, 'not_found')
    metrics.observe('Echo', 200, 40)
    return { metrics, text: await metrics.registry.metrics() }
  }

  it('counts requests by synapse and status, and the session lane apart', async () => {
    const { text } = await scrape()
    expect(text).toContain('hetu_axon_requests_total{synapse="Echo",status="200",hotkey="0xabc"} 3')
    expect(text).toContain('hetu_axon_requests_total{synapse="Echo",status="401",hotkey="0xabc"} 1')
    expect(text).toContain('hetu_axon_requests_total{synapse="unknown",status="404",hotkey="0xabc"} 1')
    expect(text).toContain('hetu_axon_session_requests_total{synapse="Echo",status="200",hotkey="0xabc"} 1')
    expect(text).toContain('hetu_axon_session_requests_total{synapse="Echo",status="401",hotkey="0xabc"} 1')
    expect(text).toContain('hetu_axon_rejections_total{reason="bad_mac",hotkey="0xabc"} 1')
    expect(text).toContain('hetu_axon_in_flight{hotkey="0xabc"} 2')
  })

  it('exports the latency as a cumulative histogram with +Inf, sum and count', async () => {
    const { text } = await scrape()
    const line = (le: string) =>
      `hetu_axon_request_duration_seconds_bucket{le="${le}",hotkey="0xabc",synapse="Echo"}`
    expect(text).toContain('# TYPE hetu_axon_request_duration_seconds histogram')
    expect(text).toContain(`${line('0.0005')} 1`)
    expect(text).toContain(`${line('0.005')} 2`)
    expect(text).toContain(`${line('0.025')} 3`)
    expect(text).toContain(`${line('30')} 3`)
    expect(text).toContain(`${line('+Inf')} 4`)
    expect(text).toContain('hetu_axon_request_duration_seconds_count{hotkey="0xabc",synapse="Echo"} 4')
    expect(text).toMatch(/hetu_axon_request_duration_seconds_sum\{hotkey="0xabc",synapse="Echo"\} 40\.0243/)
    expect(text).toContain('hetu_axon_request_duration_seconds_count{hotkey="0xabc",synapse="unknown"} 1')
  })

  it('reads the same through the registry as JSON, and resets with it', async () => {
    const { metrics } = await scrape()
    const json = await metrics.registry.getMetricsAsJSON()
    const histogram = json.find((m) => m.name === 'hetu_axon_request_duration_seconds')!
    expect(histogram.type).toBe('histogram')
    expect(histogram.values).toContainEqual(
      expect.objectContaining({
        metricName: 'hetu_axon_request_duration_seconds_count',
        labels: { synapse: 'Echo', hotkey: '0xabc' },
        value: 4,
      }),
    )
    metrics.registry.resetMetrics()
    const text = await metrics.registry.metrics()
    expect(text).not.toContain('hetu_axon_request_duration_seconds_count')
    expect(text).not.toContain('hetu_axon_requests_total{')
    expect(text).not.toContain('hetu_axon_session_requests_total{')
    metrics.observe('Echo', 200, 0.001)
    expect(await metrics.registry.metrics()).toContain(
      'hetu_axon_requests_total{synapse="Echo",status="200",hotkey="0xabc"} 1',
    )
  })
})
