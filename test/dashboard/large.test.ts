// The subnet page with 4 096 neurons (32 validators weighting 256 miners each) in a real browser:
// every neuron listed, sorting and filtering on the whole table. How fast it loads is measured in
// bench/dashboard/dashboard.ts, not here: a timed test fails on a loaded machine for no fault of the page.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Dashboard, type Localnet, startDashboard, startLocalnet } from '../../src/index.js'
import { activeSubnet, devClient, launchBrowser, populateSubnet, screenshot, tempDir } from './helpers.js'

const NEURONS = 4096
const VALIDATORS = 32

describe('dashboard with 4 096 neurons', () => {
  let net: Localnet
  let netuid: number
  let dashboard: Dashboard
  let browser: Browser
  let dir: Awaited<ReturnType<typeof tempDir>>

  beforeAll(async () => {
    dir = await tempDir()
    ;[net, browser] = await Promise.all([startLocalnet({ accounts: 1 }), launchBrowser()])
    const owner = await devClient(net)
    netuid = await activeSubnet(owner, 'large')
    await populateSubnet(net, netuid, {
      validators: VALIDATORS,
      miners: NEURONS - VALIDATORS,
      weightsPerValidator: 256,
    })
    dashboard = await startDashboard({ client: owner, db: `${dir.dir}/history.sqlite`, probeAxons: false })
  }, 180_000)
  afterAll(async () => {
    await dashboard?.close()
    await browser?.close()
    await net?.stop()
    await dir?.[Symbol.asyncDispose]()
  })

  it('loads the subnet page with every neuron', async () => {
    const url = new URL(`/subnets/${netuid}`, dashboard.url).href
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(url)
    await page.waitForSelector('body[data-ready="true"]')
    expect(await page.locator('#neuron-count').textContent()).toBe(String(NEURONS))
    expect(await page.locator('#neurons .count').textContent()).toBe(`${NEURONS} of ${NEURONS} rows`)
    // Only the rows near the view are in the DOM; scrolled to the end, the last uid is drawn.
    const uids = () => page.locator('#neurons-table tbody tr:not(.spacer) td:first-child').allTextContents()
    expect((await uids()).slice(0, 3)).toEqual(['0', '1', '2'])
    await page.locator('#neurons .tablewrap').evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await page.waitForFunction(
      `[...document.querySelectorAll('#neurons-table tbody td:first-child')].some((td) => td.textContent === '${NEURONS - 1}')`,
    )
    expect(await uids()).toContain(String(NEURONS - 1))

    // Sort by stake, descending: the validators (600 HETU) come first.
    await page.locator('#neurons-table th[data-key="stake"]').click()
    await page.locator('#neurons-table th[data-key="stake"]').click()
    expect(await page.locator('#neurons-table tbody tr:first-child td:nth-child(2)').textContent()).toBe(
      'validator',
    )
    // Filter to the validators.
    await page.locator('#neurons input[type="search"]').fill('validator')
    expect(await page.locator('#neurons .count').textContent()).toBe(`${VALIDATORS} of ${NEURONS} rows`)
    expect(await page.locator('#neurons-table tbody tr').count()).toBe(VALIDATORS)
    await page.locator('#neurons input[type="search"]').fill('')
    await screenshot(page, 'subnet-4096')
    await page.close()
  })
})
