// The dashboard in a real browser (Debian's Chromium through playwright-core) on a localnet whose
// emission pays Alpha every 5 blocks (a block every 0.2 s). The subnet is named like an XSS payload.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dashboard, Metagraph, startDashboard } from '../../src/index.js'
import {
  type EmissionSubnet,
  emissionSubnet,
  launchBrowser,
  screenshot,
  tempDir,
  waitFor,
} from './helpers.js'

const HOSTILE = '<img src=x onerror=alert(1)>'

describe('dashboard in a browser', () => {
  let fx: EmissionSubnet
  let dashboard: Dashboard
  let browser: Browser
  let dir: Awaited<ReturnType<typeof tempDir>>
  const dialogs: string[] = []

  beforeAll(async () => {
    dir = await tempDir()
    ;[fx, browser] = await Promise.all([
      emissionSubnet({ name: HOSTILE, validators: 2, miners: 3 }),
      launchBrowser(),
    ])
    dashboard = await startDashboard({ client: fx.owner, db: `${dir.dir}/history.sqlite` })
  })
  afterAll(async () => {
    await dashboard?.close()
    await browser?.close()
    await fx?.stop()
    await dir?.[Symbol.asyncDispose]()
  })

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    page.on('pageerror', (err) => dialogs.push(`page error: ${err.message}`))
    await page.goto(new URL(path, dashboard.url).href)
    await page.waitForSelector('body[data-ready="true"]')
    return page
  }

  it('lists every neuron the chain has on the subnet page', async () => {
    const page = await open(`/subnets/${fx.netuid}`)
    const graph = await Metagraph.sync({ client: fx.owner, netuid: fx.netuid })
    const rows = await page
      .locator('#neurons-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')))
    expect(new Set(rows)).toEqual(new Set(graph.hotkeys))
    expect(rows).toHaveLength(graph.n)
    await waitFor('the live axon status', async () => (await page.locator('#neurons-table .up').count()) >= 1)
    await screenshot(page, 'subnet')
    await page.close()
  })

  it("shows a new epoch's Alpha without a reload", async () => {
    const page = await open(`/subnets/${fx.netuid}`)
    await page.evaluate(() => {
      ;(globalThis as unknown as { notReloaded: boolean }).notReloaded = true
    })
    // The page refreshes the stats, then the chart: read between the two, it shows the new epoch in one
    // and not yet in the other. Both must move past what was first read.
    const shown = async () => ({
      epochs: Number(await page.locator('#epochs-note').getAttribute('data-epochs')),
      lastEpoch: await page.locator('#last-epoch').textContent(),
    })
    const before = await shown()
    await waitFor(
      'a new epoch in the stats and the chart',
      async () => {
        const now = await shown()
        return now.epochs > before.epochs && now.lastEpoch !== before.lastEpoch
      },
      15_000,
    )
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    )
    // The chart draws each top earner, and the table has this epoch's Alpha for the weighted miners.
    expect(await page.locator('#chart-earned canvas').count()).toBe(1)
    const lastEpochCells = await page.locator('#neurons-table tbody tr td:nth-child(10)').allTextContents()
    expect(lastEpochCells.filter((t) => Number(t.replace(/,/g, '')) > 0).length).toBeGreaterThanOrEqual(3)
    await screenshot(page, 'subnet-live')
    await page.close()
  })

  it("shows a neuron's history", async () => {
    const miner = fx.miners[0]!
    await waitFor('two epochs in the history', async () => {
      const body = (await (
        await fetch(new URL(`/api/subnets/${fx.netuid}/neurons/${miner}`, dashboard.url))
      ).json()) as {
        history: { blocks: number[] }
      }
      return body.history.blocks.length >= 2
    })
    const page = await open(`/subnets/${fx.netuid}/neurons/${miner}`)
    expect(Number(await page.locator('#history-note').getAttribute('data-epochs'))).toBeGreaterThanOrEqual(2)
    expect(await page.locator('#chart-stake canvas').count()).toBe(1)
    expect(await page.locator('#chart-incentive canvas').count()).toBe(1)
    expect(await page.locator('#neuron-title').textContent()).toContain(miner)
    // Weights received from both validators, and its registration among its events.
    expect(await page.locator('#received tbody tr').count()).toBe(2)
    expect(await page.locator('#events-table tbody').textContent()).toContain('NeuronRegistered')
    await screenshot(page, 'neuron')
    await page.close()
  })

  it('shows a subnet named like an XSS payload as text', async () => {
    for (const path of ['/', `/subnets/${fx.netuid}`, `/subnets/${fx.netuid}/neurons/${fx.miners[1]}`]) {
      const page = await open(path)
      const text =
        path === '/'
          ? await page.locator('.subnet-name').first().textContent()
          : await page.locator('h1').textContent()
      expect(text).toContain(HOSTILE)
      expect(await page.locator('main img').count()).toBe(0)
      if (path === '/') await screenshot(page, 'network')
      await page.close()
    }
    expect(dialogs).toEqual([])
  })
})
