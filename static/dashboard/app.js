// The dashboard's pages, in plain JavaScript (no build step). Every on-chain string goes through esc()
// or textContent: subnet names and descriptions are user input. Live updates come from /api/events.
;(() => {
  const main = document.getElementById('main')
  const statusEl = document.getElementById('status')
  const crumbs = document.getElementById('crumbs')

  const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
  const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c])
  const short = (address) => (address ? `${address.slice(0, 8)}…${address.slice(-6)}` : '')

  /** A decimal string of wei as a number of whole units with `digits` decimals. */
  function units(wei, digits = 4) {
    if (wei === null || wei === undefined || wei === '') return '—'
    let value = BigInt(wei)
    const negative = value < 0n
    if (negative) value = -value
    const scale = 10n ** BigInt(18 - digits)
    const rounded = (value + scale / 2n) / scale
    const text = rounded.toString().padStart(digits + 1, '0')
    const whole = text.slice(0, -digits) || '0'
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    return `${negative ? '-' : ''}${grouped}${digits > 0 ? `.${text.slice(-digits)}` : ''}`
  }
  const toFloat = (wei) => (wei === null || wei === undefined ? null : Number(BigInt(wei)) / 1e18)
  const pct = (x) => `${(x * 100).toFixed(2)} %`
  const fixed = (x, d = 4) => (typeof x === 'number' ? x.toFixed(d) : '—')
  /** A table column of wei amounts, sorted by value. */
  const amount = (key, label, digits = 4) => ({
    key,
    label,
    num: true,
    sort: (r) => toFloat(r[key]) ?? -1,
    cell: (r) => units(r[key], digits),
  })

  async function getJson(path) {
    const response = await fetch(path, { headers: { accept: 'application/json' } })
    const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }))
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`)
    return body
  }

  function debounce(fn, ms) {
    let timer
    let running = false
    let again = false
    return () => {
      clearTimeout(timer)
      timer = setTimeout(async () => {
        if (running) {
          again = true
          return
        }
        running = true
        try {
          await fn()
        } finally {
          running = false
          if (again) {
            again = false
            timer = setTimeout(fn, ms)
          }
        }
      }, ms)
    }
  }

  // ── sortable, filterable table ─────────────────────────────────────────────────────────────
  /** Rows drawn around the visible ones; beyond, spacer rows keep the scroll height (4 096 neurons). */
  const WINDOW = 150

  /**
   * columns: { key, label, num?, sort(row) → number|string, cell(row) → escaped HTML, cls? }.
   * Sorting and the filter apply to every row and are kept across updates; only the rows near the
   * visible part of the scroll box are in the DOM, as one HTML string.
   */
  function makeTable(container, columns, options = {}) {
    const state = {
      rows: [],
      view: [],
      sortKey: options.sortKey ?? columns[0].key,
      dir: options.dir ?? 1,
      filter: '',
    }
    container.innerHTML = `<div class="toolbar"><input type="search" placeholder="${esc(options.placeholder ?? 'Filter…')}" aria-label="filter"><span class="muted count"></span></div>
      <div class="tablewrap"><table id="${esc(options.id ?? '')}"><thead><tr>${columns
        .map((c) => `<th data-key="${esc(c.key)}" class="${c.num ? 'num' : ''}">${esc(c.label)}</th>`)
        .join('')}</tr></thead><tbody></tbody></table></div>`
    const input = container.querySelector('input')
    const wrap = container.querySelector('.tablewrap')
    const tbody = container.querySelector('tbody')
    const count = container.querySelector('.count')
    const heads = [...container.querySelectorAll('th')]
    input.addEventListener('input', () => {
      state.filter = input.value.trim().toLowerCase()
      wrap.scrollTop = 0
      update()
    })
    for (const th of heads)
      th.addEventListener('click', () => {
        const key = th.dataset.key
        state.dir = state.sortKey === key ? -state.dir : 1
        state.sortKey = key
        wrap.scrollTop = 0
        update()
      })
    let drawn = ''
    let frame = 0
    let rowHeight = 0
    wrap.addEventListener('scroll', () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(draw)
    })
    /** Filters and sorts every row, then draws. */
    function update() {
      const column = columns.find((c) => c.key === state.sortKey) ?? columns[0]
      let rows = state.rows
      if (state.filter) rows = rows.filter((r) => r._text.includes(state.filter))
      const sortValue = column.sort ?? ((r) => r[column.key])
      state.view = rows
        .map((r) => [sortValue(r), r])
        .sort((a, b) => (a[0] < b[0] ? -state.dir : a[0] > b[0] ? state.dir : 0))
        .map((p) => p[1])
      count.textContent = `${state.view.length} of ${state.rows.length} rows`
      for (const th of heads) {
        th.classList.toggle('sorted-asc', th.dataset.key === state.sortKey && state.dir === 1)
        th.classList.toggle('sorted-desc', th.dataset.key === state.sortKey && state.dir === -1)
      }
      drawn = ''
      draw()
    }
    /** Draws the rows around the scroll position. */
    function draw() {
      const rows = state.view
      const first = rowHeight ? Math.max(0, Math.floor(wrap.scrollTop / rowHeight) - WINDOW / 3) : 0
      const from = rows.length <= WINDOW ? 0 : Math.min(first - (first % 50), rows.length - WINDOW)
      const to = Math.min(rows.length, Math.max(0, from) + WINDOW)
      const key = `${from}:${to}`
      if (key === drawn) return
      drawn = key
      const html = []
      // Spacer heights go through the CSSOM: the page's CSP allows no inline style attribute.
      if (from > 0) html.push('<tr class="spacer above"></tr>')
      for (let i = Math.max(0, from); i < to; i++) {
        const r = rows[i]
        let tr = `<tr data-key="${esc(r._key)}">`
        for (const c of columns) tr += `<td class="${c.cls ?? (c.num ? 'num' : '')}">${c.cell(r)}</td>`
        html.push(`${tr}</tr>`)
      }
      if (to < rows.length) html.push('<tr class="spacer below"></tr>')
      tbody.innerHTML = html.join('')
      if (!rowHeight && to > from)
        rowHeight = tbody.querySelector('tr:not(.spacer)').getBoundingClientRect().height || 25
      const above = tbody.querySelector('.above')
      const below = tbody.querySelector('.below')
      if (above) above.style.height = `${from * rowHeight}px`
      if (below) below.style.height = `${(rows.length - to) * rowHeight}px`
    }
    return {
      set(rows, keyOf, textOf) {
        for (const r of rows) {
          r._key = keyOf(r)
          r._text = textOf(r).toLowerCase()
        }
        state.rows = rows
        update()
      },
      /** Draws the visible rows again (their cells read state that changed). */
      redraw() {
        drawn = ''
        draw()
      },
    }
  }

  // ── charts (uPlot) ─────────────────────────────────────────────────────────────────────────
  const PALETTE = [
    '#2f6fdf',
    '#e4572e',
    '#17a398',
    '#f3a712',
    '#8e44ad',
    '#2e4057',
    '#d7263d',
    '#66a182',
    '#c2185b',
    '#0097a7',
    '#7c6f00',
    '#5d4037',
  ]

  function lineChart(el, title, xLabel, seriesDefs, data, height = 240) {
    el.innerHTML = ''
    const width = Math.max(320, el.clientWidth || 600)
    const opts = {
      title,
      width,
      height,
      scales: { x: { time: false } },
      axes: [{ label: xLabel }, {}],
      series: [
        { label: xLabel },
        ...seriesDefs.map((s, i) => ({
          label: s.label,
          stroke: s.color ?? PALETTE[i % PALETTE.length],
          width: 1.5,
          spanGaps: true,
          scale: s.scale ?? 'y',
          points: { show: data[0].length < 60 },
        })),
      ],
    }
    if (seriesDefs.some((s) => s.scale === 'y2')) {
      opts.scales.y2 = {}
      opts.axes.push({ scale: 'y2', side: 1, grid: { show: false } })
    }
    // uPlot.setData needs the same series; a chart is rebuilt when they change.
    const plot = new uPlot(opts, data, el)
    return plot
  }

  function heatmap(canvas, data) {
    const rows = data.validators.length
    const cols = data.miners.length
    if (rows === 0 || cols === 0) {
      canvas.replaceWith(
        Object.assign(document.createElement('p'), {
          className: 'muted',
          textContent: 'No weights on chain yet.',
        }),
      )
      return
    }
    // One cell per miner up to 1 024 columns; beyond, miners share a column (their largest weight).
    const width = Math.min(cols, 1024)
    const per = cols / width
    canvas.width = width
    canvas.height = rows
    canvas.style.height = `${Math.max(40, Math.min(400, rows * 14))}px`
    const ctx = canvas.getContext('2d')
    const image = ctx.createImageData(width, rows)
    const grid = new Float32Array(width * rows)
    let max = 1
    for (const [i, j, w] of data.cells) {
      const x = Math.min(width - 1, Math.floor(j / per))
      const k = i * width + x
      if (w > grid[k]) grid[k] = w
      if (w > max) max = w
    }
    for (let k = 0; k < grid.length; k++) {
      const t = grid[k] / max
      const o = k * 4
      image.data[o] = 255 - Math.round(t * 208)
      image.data[o + 1] = 255 - Math.round(t * 144)
      image.data[o + 2] = 255 - Math.round(t * 32)
      image.data[o + 3] = 255
    }
    ctx.putImageData(image, 0, 0)
    canvas.title = `${rows} validators × ${cols} miners (darker = more weight)`
  }

  // ── status and live events ─────────────────────────────────────────────────────────────────
  const live = { block: null, handlers: [] }
  function showStatus(s) {
    if (s.indexed !== undefined && s.indexed !== null) live.block = s.indexed
    const down = s.rpc === 'down'
    statusEl.className = `status${down ? ' down' : ''}`
    statusEl.textContent = down
      ? `RPC down: ${s.error ?? ''} (indexed to ${s.indexed ?? '—'})`
      : `chain ${s.chainId ?? ''} · block ${live.block ?? '—'}${s.head && s.indexed !== null && s.head - s.indexed > 2 ? ` · catching up to ${s.head}` : ''}`
  }
  function connectEvents() {
    const source = new EventSource('/api/events')
    let status = {}
    source.addEventListener('status', (e) => {
      status = JSON.parse(e.data)
      showStatus(status)
    })
    source.addEventListener('block', (e) => {
      const news = JSON.parse(e.data)
      status = { ...status, indexed: news.block, head: news.head, rpc: 'up' }
      showStatus(status)
      for (const h of live.handlers) h('block', news)
    })
    source.addEventListener('epoch', (e) => {
      const epoch = JSON.parse(e.data)
      for (const h of live.handlers) h('epoch', epoch)
    })
    source.addEventListener('reset', (e) => {
      const reset = JSON.parse(e.data)
      for (const h of live.handlers) h('reset', reset)
    })
    source.onerror = () => {
      statusEl.className = 'status down'
      statusEl.textContent = 'dashboard server unreachable: reconnecting…'
    }
  }
  const onLive = (handler) => live.handlers.push(handler)

  function stat(label, value, id) {
    return `<div><b${id ? ` id="${esc(id)}"` : ''}>${value}</b><span>${esc(label)}</span></div>`
  }

  // ── network page ───────────────────────────────────────────────────────────────────────────
  async function networkPage() {
    crumbs.innerHTML = 'Network'
    main.innerHTML = `<div class="card"><h1>Network</h1><div class="stats" id="network-stats"></div></div>
      <div class="card"><h2>Subnets</h2><div id="subnets"></div></div>`
    const table = makeTable(
      document.getElementById('subnets'),
      [
        {
          key: 'netuid',
          label: 'netuid',
          num: true,
          cell: (s) => `<a href="/subnets/${s.netuid}">${s.netuid}</a>`,
        },
        {
          key: 'name',
          label: 'name',
          cell: (s) => `<a href="/subnets/${s.netuid}" class="subnet-name">${esc(s.name)}</a>`,
        },
        { key: 'owner', label: 'owner', cls: 'mono', cell: (s) => esc(short(s.owner)) },
        {
          key: 'active',
          label: 'active',
          cell: (s) => (s.active ? '<span class="up">active</span>' : '<span class="muted">inactive</span>'),
        },
        { key: 'neurons', label: 'neurons', num: true, cell: (s) => esc(s.neurons) },
        {
          key: 'validators',
          label: 'validators / miners',
          num: true,
          cell: (s) => `${esc(s.validators)} / ${esc(s.miners)}`,
        },
        amount('hetuReserve', 'HETU reserve', 2),
        amount('alphaReserve', 'Alpha reserve', 2),
        amount('price', 'Alpha price (HETU)', 6),
        { key: 'emissionShare', label: 'emission share', num: true, cell: (s) => pct(s.emissionShare) },
      ],
      { id: 'subnets-table', placeholder: 'Filter subnets by name, owner, netuid…' },
    )
    async function load() {
      const data = await getJson('/api/network')
      document.getElementById('network-stats').innerHTML = [
        stat('block', esc(data.block), 'network-block'),
        stat('subnets', esc(data.subnets.length)),
        stat('subnet lock cost (HETU)', units(data.lockCost, 2)),
        stat('neurons', esc(data.subnets.reduce((n, s) => n + s.neurons, 0))),
      ].join('')
      table.set(
        data.subnets,
        (s) => s.netuid,
        (s) => `${s.netuid} ${s.name} ${s.owner}`,
      )
    }
    await load()
    const refresh = debounce(load, 500)
    onLive(() => refresh())
  }

  // ── subnet page ────────────────────────────────────────────────────────────────────────────
  async function subnetPage(netuid) {
    crumbs.innerHTML = `<a href="/">Network</a> / subnet ${esc(netuid)}`
    main.innerHTML = `<div class="card"><h1 id="subnet-title"></h1><p class="desc muted" id="subnet-desc"></p><div class="stats" id="subnet-stats"></div></div>
      <div class="grid">
        <div class="card"><h2>Alpha earned per epoch</h2><p class="muted" id="epochs-note"></p><div id="chart-earned"></div></div>
        <div class="card"><h2>Pool</h2><div id="chart-price"></div><div id="chart-reserves"></div></div>
      </div>
      <div class="card"><h2>Weights (validators × miners)</h2><canvas id="heatmap" class="heatmap"></canvas></div>
      <div class="card"><h2>Metagraph</h2><div id="neurons"></div></div>
      <div class="card"><h2>Hyperparameters</h2><div class="kv" id="params"></div></div>`
    const axons = new Map()
    let subnet
    const table = makeTable(
      document.getElementById('neurons'),
      [
        { key: 'uid', label: 'uid', num: true, cell: (n) => esc(n.uid) },
        {
          key: 'validator',
          label: 'role',
          cell: (n) =>
            n.isValidator
              ? '<span class="badge validator">validator</span>'
              : '<span class="badge">miner</span>',
        },
        {
          key: 'hotkey',
          label: 'hotkey',
          cls: 'mono',
          cell: (n) => `<a href="/subnets/${netuid}/neurons/${esc(n.hotkey)}">${esc(short(n.hotkey))}</a>`,
        },
        amount('stake', 'stake', 2),
        { key: 'incentive', label: 'incentive', num: true, cell: (n) => fixed(n.incentive) },
        { key: 'dividends', label: 'dividends', num: true, cell: (n) => fixed(n.dividends) },
        { key: 'consensus', label: 'consensus', num: true, cell: (n) => fixed(n.consensus) },
        amount('emission', 'emission / epoch'),
        amount('alphaBalance', 'Alpha earned'),
        amount('alphaLastEpoch', 'last epoch'),
        {
          key: 'blocksSinceWeights',
          label: 'blocks since weights',
          num: true,
          sort: (n) => n.blocksSinceWeights ?? -1,
          cell: (n) => {
            if (!n.isValidator) return ''
            if (n.blocksSinceWeights === null) return '<span class="muted">none seen</span>'
            const late = n.blocksSinceWeights > subnet.params.activityCutoff
            return late
              ? `<span class="alert" title="more than activityCutoff blocks">⚠ ${esc(n.blocksSinceWeights)}</span>`
              : esc(n.blocksSinceWeights)
          },
        },
        { key: 'active', label: 'active', cell: (n) => (n.active ? 'yes' : '<span class="down">no</span>') },
        { key: 'axon', label: 'axon', cls: 'mono', cell: (n) => esc(n.axon || '—') },
        {
          key: 'axonStatus',
          label: 'axon status',
          sort: (n) => (axons.get(n.axon)?.up ? 1 : 0),
          cell: (n) => {
            const s = axons.get(n.axon)
            if (!n.axon) return ''
            if (!s) return '<span class="muted">…</span>'
            return s.up
              ? `<span class="up">up</span> ${esc(s.latencyMs)} ms · ${esc(s.synapses.join(', ') || 'no synapses listed')}`
              : `<span class="down">down</span> <span class="muted">${esc(s.error)}</span>`
          },
        },
      ],
      { id: 'neurons-table', placeholder: 'Filter by hotkey, uid, role, endpoint…' },
    )
    let earnedChart
    let priceChart
    let reservesChart
    let pool = { blocks: [], price: [], hetuReserve: [], alphaReserve: [] }

    function drawPool() {
      if (pool.blocks.length === 0) {
        document.getElementById('chart-price').innerHTML = '<p class="muted">No pool changes indexed yet.</p>'
        return
      }
      priceChart = lineChart(
        document.getElementById('chart-price'),
        'Alpha price (HETU)',
        'block',
        [{ label: 'price' }],
        [pool.blocks, pool.price],
        200,
      )
      reservesChart = lineChart(
        document.getElementById('chart-reserves'),
        'Reserves',
        'block',
        [
          { label: 'HETU', color: PALETTE[0] },
          { label: 'Alpha', color: PALETTE[1], scale: 'y2' },
        ],
        [pool.blocks, pool.hetuReserve, pool.alphaReserve],
        200,
      )
    }

    // Two loads can overlap (a block's refresh and an epoch's): the answer to the newer request wins, so a
    // slow older answer cannot put back an epoch the page has already moved past.
    let subnetRequests = 0
    let subnetShown = 0
    async function loadSubnet() {
      const request = ++subnetRequests
      const next = await getJson(`/api/subnets/${netuid}`)
      if (request < subnetShown) return
      subnetShown = request
      subnet = next
      const s = subnet.subnet
      document.getElementById('subnet-title').textContent = `Subnet ${netuid}: ${s.name}`
      document.getElementById('subnet-desc').textContent = s.description
      const validators = subnet.neurons.filter((n) => n.isValidator).length
      document.getElementById('subnet-stats').innerHTML = [
        stat('block', esc(subnet.block), 'subnet-block'),
        stat('owner', esc(short(s.owner))),
        stat('status', s.isActive ? 'active' : 'inactive'),
        stat('neurons', esc(subnet.neurons.length), 'neuron-count'),
        stat('validators / miners', `${validators} / ${subnet.neurons.length - validators}`),
        stat('Alpha price (HETU)', units(subnet.pool.price, 6)),
        stat(
          'HETU / Alpha reserves',
          `${units(subnet.pool.hetuReserve, 2)} / ${units(subnet.pool.alphaReserve, 2)}`,
        ),
        stat('Alpha per epoch', units(subnet.rewardRate.alphaPerEpoch)),
        stat('tempo', esc(s.tempo ?? subnet.params.tempo)),
        stat('last epoch indexed', esc(subnet.lastEpoch ?? '—'), 'last-epoch'),
      ].join('')
      document.getElementById('params').innerHTML = Object.entries(subnet.params)
        .map(([k, v]) => `<div><span>${esc(k)}</span><b>${esc(v)}</b></div>`)
        .join('')
      table.set(
        subnet.neurons,
        (n) => n.hotkey,
        (n) => `${n.uid} ${n.hotkey} ${n.isValidator ? 'validator' : 'miner'} ${n.axon}`,
      )
    }

    async function loadCharts() {
      const charts = await getJson(`/api/subnets/${netuid}/charts`)
      document.getElementById('epochs-note').textContent =
        charts.epochs.length === 0
          ? 'No epoch indexed yet: the chart fills as epochs arrive.'
          : `${charts.epochs.length} epochs (blocks ${charts.epochs[0]}–${charts.epochs.at(-1)}); the ${charts.earned.length} top earners.`
      document.getElementById('epochs-note').dataset.epochs = String(charts.epochs.length)
      if (charts.epochs.length > 0)
        earnedChart = lineChart(
          document.getElementById('chart-earned'),
          '',
          'epoch block',
          charts.earned.map((e) => ({ label: short(e.hotkey) })),
          [charts.epochs, ...charts.earned.map((e) => e.values)],
        )
      pool = charts.pool
      drawPool()
    }

    async function loadWeights() {
      heatmap(document.getElementById('heatmap'), await getJson(`/api/subnets/${netuid}/weights`))
    }

    async function loadAxons() {
      const { statuses } = await getJson(`/api/subnets/${netuid}/axons`)
      for (const s of statuses) axons.set(s.endpoint, s)
      table.set(
        subnet.neurons,
        (n) => n.hotkey,
        (n) => `${n.uid} ${n.hotkey} ${n.isValidator ? 'validator' : 'miner'} ${n.axon}`,
      )
    }

    try {
      await loadSubnet()
    } catch (err) {
      main.innerHTML = `<div class="card"><h1>Subnet ${esc(netuid)}</h1><p class="down">${esc(err.message)}</p></div>`
      return
    }
    await Promise.all([loadCharts(), loadWeights()])
    loadAxons().catch(() => undefined)
    const refreshSubnet = debounce(loadSubnet, 300)
    const refreshAll = debounce(async () => {
      await loadSubnet()
      await Promise.all([loadCharts(), loadWeights()])
    }, 200)
    const refreshAxons = debounce(loadAxons, 10_000)
    onLive((kind, payload) => {
      if (kind === 'reset' || (kind === 'epoch' && payload.netuid === netuid)) return refreshAll()
      if (kind !== 'block') return
      const update = payload.pools.find((p) => p.netuid === netuid)
      if (update && priceChart) {
        pool.blocks.push(update.block)
        pool.price.push(update.price)
        pool.hetuReserve.push(toFloat(update.hetuReserve))
        pool.alphaReserve.push(toFloat(update.alphaReserve))
        priceChart.setData([pool.blocks, pool.price])
        reservesChart.setData([pool.blocks, pool.hetuReserve, pool.alphaReserve])
      }
      if (payload.changed.includes(netuid)) refreshSubnet()
      else document.getElementById('subnet-block').textContent = String(payload.block)
      refreshAxons()
    })
    void earnedChart
  }

  // ── neuron page ────────────────────────────────────────────────────────────────────────────
  async function neuronPage(netuid, address) {
    crumbs.innerHTML = `<a href="/">Network</a> / <a href="/subnets/${esc(netuid)}">subnet ${esc(netuid)}</a> / neuron`
    main.innerHTML = `<div class="card"><h1 id="neuron-title"></h1><div class="stats" id="neuron-stats"></div></div>
      <div class="grid">
        <div class="card"><h2>Stake and Alpha across epochs</h2><p class="muted" id="history-note"></p><div id="chart-stake"></div></div>
        <div class="card"><h2>Incentive, dividends and weights across epochs</h2><div id="chart-incentive"></div></div>
      </div>
      <div class="grid">
        <div class="card"><h2>Weights given</h2><div id="given"></div></div>
        <div class="card"><h2>Weights received</h2><div id="received"></div></div>
      </div>
      <div class="card"><h2>Events</h2><div id="events"></div></div>`
    const weightColumns = (who) => [
      { key: 'uid', label: 'uid', num: true, cell: (w) => esc(w.uid) },
      {
        key: who,
        label: who === 'hotkey' ? 'miner' : 'validator',
        cls: 'mono',
        cell: (w) => `<a href="/subnets/${netuid}/neurons/${esc(w[who])}">${esc(short(w[who]))}</a>`,
      },
      {
        key: 'weight',
        label: 'weight',
        num: true,
        sort: (w) => Number(w.weight),
        cell: (w) => esc(w.weight),
      },
    ]
    const given = makeTable(document.getElementById('given'), weightColumns('hotkey'), {
      sortKey: 'weight',
      dir: -1,
    })
    const received = makeTable(document.getElementById('received'), weightColumns('validator'), {
      sortKey: 'weight',
      dir: -1,
    })
    const events = makeTable(
      document.getElementById('events'),
      [
        { key: 'block', label: 'block', num: true, cell: (e) => esc(e.block) },
        { key: 'name', label: 'event', cell: (e) => esc(e.name) },
        {
          key: 'args',
          label: 'details',
          cls: 'mono',
          cell: (e) => esc(JSON.stringify(e.args).slice(0, 300)),
        },
      ],
      { sortKey: 'block', dir: -1, id: 'events-table' },
    )
    async function load() {
      const data = await getJson(`/api/subnets/${netuid}/neurons/${encodeURIComponent(address)}`)
      const c = data.current
      document.getElementById('neuron-title').textContent =
        `${c ? (c.isValidator ? 'Validator' : 'Miner') : 'Former neuron'} ${data.hotkey} on subnet ${netuid} (${data.subnetName})`
      document.getElementById('neuron-stats').innerHTML = c
        ? [
            stat('uid', esc(c.uid)),
            stat('stake', units(c.stake, 2)),
            stat('Alpha', units(c.alphaBalance), 'neuron-alpha'),
            stat('incentive', fixed(c.incentive)),
            stat('dividends', fixed(c.dividends)),
            stat('consensus', fixed(c.consensus)),
            stat('emission / epoch', units(c.emission)),
            stat('active', c.active ? 'yes' : 'no'),
            stat('axon', esc(c.axon || '—')),
            stat('registered at block', esc(c.registrationBlock)),
          ].join('')
        : '<p class="muted">Not a neuron of this subnet at the current block.</p>'
      const h = data.history
      const note = document.getElementById('history-note')
      note.textContent = `${h.blocks.length} epochs recorded.`
      note.dataset.epochs = String(h.blocks.length)
      if (h.blocks.length > 0) {
        lineChart(
          document.getElementById('chart-stake'),
          '',
          'epoch block',
          [
            { label: 'stake (HETU)' },
            { label: 'Alpha held', scale: 'y2' },
            { label: 'Alpha earned', scale: 'y2' },
          ],
          [h.blocks, h.stake, h.alpha, h.alphaEarned],
        )
        lineChart(
          document.getElementById('chart-incentive'),
          '',
          'epoch block',
          [
            { label: 'incentive' },
            { label: 'dividends' },
            { label: 'weights received (Σ)', scale: 'y2' },
            { label: 'weights given (Σ)', scale: 'y2' },
          ],
          [h.blocks, h.incentive, h.dividends, h.weightsReceived, h.weightsGiven],
        )
      }
      given.set(
        data.weightsGiven,
        (w) => w.hotkey,
        (w) => `${w.uid} ${w.hotkey}`,
      )
      received.set(
        data.weightsReceived,
        (w) => w.validator,
        (w) => `${w.uid} ${w.validator}`,
      )
      events.set(
        data.events.map((e, i) => ({ ...e, i })),
        (e) => e.i,
        (e) => `${e.block} ${e.name}`,
      )
    }
    try {
      await load()
    } catch (err) {
      main.innerHTML = `<div class="card"><h1>Neuron</h1><p class="down">${esc(err.message)}</p></div>`
      return
    }
    const refresh = debounce(load, 300)
    onLive((kind, payload) => {
      if (
        kind === 'reset' ||
        (kind === 'epoch' && payload.netuid === netuid) ||
        (kind === 'block' && payload.changed.includes(netuid))
      )
        refresh()
    })
  }

  // ── router ─────────────────────────────────────────────────────────────────────────────────
  async function start() {
    connectEvents()
    getJson('/api/status').then(showStatus, () => undefined)
    const path = location.pathname.replace(/\/+$/, '')
    const neuron = path.match(/^\/subnets\/(\d+)\/neurons\/([^/]+)$/)
    const subnet = path.match(/^\/subnets\/(\d+)$/)
    try {
      if (neuron) await neuronPage(Number(neuron[1]), decodeURIComponent(neuron[2]))
      else if (subnet) await subnetPage(Number(subnet[1]))
      else await networkPage()
    } catch (err) {
      main.innerHTML = `<div class="card"><p class="down">${esc(err.message)}</p></div>`
    }
    document.body.dataset.ready = 'true'
  }
  start()
})()
