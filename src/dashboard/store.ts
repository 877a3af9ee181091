// The dashboard's history in SQLite: a real file (node-sqlite3-wasm writes through Node's fs) that
// users can open with any SQLite tool. One `chains` row per chain followed (a localnet restarted is a
// new chain: a new row, the old history kept); every other table is keyed by that row's id.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import sqlite from 'node-sqlite3-wasm'
import type { MetagraphRow } from '../metagraph/rows.js'
import { DashboardStoreError } from './errors.js'

const { Database } = sqlite
type Db = InstanceType<typeof Database>
/** A row as SQLite returns it (column name → value). */
export type StoreRow = Record<string, number | bigint | string | Uint8Array | null>
type BindValues = Parameters<Db['run']>[1]

/** Schema version in `meta`; a file of another version is refused rather than misread. */
export const STORE_VERSION = 1

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chains (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chain_id INTEGER NOT NULL,
  genesis TEXT NOT NULL,
  subnet_manager TEXT NOT NULL,
  rpc_url TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  from_block INTEGER NOT NULL,
  cursor INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS blocks (
  chain INTEGER NOT NULL, number INTEGER NOT NULL, hash TEXT NOT NULL, time INTEGER NOT NULL,
  PRIMARY KEY (chain, number)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  chain INTEGER NOT NULL, block INTEGER NOT NULL, log_index INTEGER NOT NULL, tx TEXT NOT NULL,
  contract TEXT NOT NULL, name TEXT NOT NULL, netuid INTEGER, account TEXT, args TEXT NOT NULL,
  PRIMARY KEY (chain, block, log_index)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_by_account ON events (chain, netuid, account, name, block);
CREATE TABLE IF NOT EXISTS epochs (
  chain INTEGER NOT NULL, netuid INTEGER NOT NULL, block INTEGER NOT NULL, neurons INTEGER NOT NULL,
  validators INTEGER NOT NULL, total_stake TEXT NOT NULL, alpha_supply TEXT NOT NULL,
  PRIMARY KEY (chain, netuid, block)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS neuron_epochs (
  chain INTEGER NOT NULL, netuid INTEGER NOT NULL, block INTEGER NOT NULL, uid INTEGER NOT NULL,
  hotkey TEXT NOT NULL, validator INTEGER NOT NULL, active INTEGER NOT NULL, stake TEXT NOT NULL,
  alpha TEXT NOT NULL, alpha_earned TEXT, incentive REAL NOT NULL, dividends REAL NOT NULL,
  consensus REAL NOT NULL, emission TEXT NOT NULL,
  PRIMARY KEY (chain, netuid, block, uid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS neuron_epochs_by_hotkey ON neuron_epochs (chain, netuid, hotkey, block);
CREATE TABLE IF NOT EXISTS weights (
  chain INTEGER NOT NULL, netuid INTEGER NOT NULL, block INTEGER NOT NULL, validator TEXT NOT NULL,
  dest TEXT NOT NULL, weight INTEGER NOT NULL,
  PRIMARY KEY (chain, netuid, block, validator, dest)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pool (
  chain INTEGER NOT NULL, netuid INTEGER NOT NULL, block INTEGER NOT NULL, log_index INTEGER NOT NULL,
  hetu_reserve TEXT NOT NULL, alpha_reserve TEXT NOT NULL, price REAL NOT NULL,
  PRIMARY KEY (chain, netuid, block, log_index)
) WITHOUT ROWID;
`

/** Tables whose rows belong to a block (what a rollback deletes). */
const BLOCK_TABLES = [
  ['blocks', 'number'],
  ['events', 'block'],
  ['epochs', 'block'],
  ['neuron_epochs', 'block'],
  ['weights', 'block'],
  ['pool', 'block'],
] as const

export interface ChainRow {
  id: number
  chainId: number
  genesis: string
  subnetManager: string
  fromBlock: number
  /** Last block fully indexed (fromBlock − 1 before the first). */
  cursor: number
}

export interface EventRow {
  block: number
  logIndex: number
  tx: string
  contract: string
  name: string
  netuid: number | null
  account: string | null
  /** JSON of the decoded arguments (bigints as decimal strings). */
  args: string
}

/** A neuron in an epoch snapshot (the axon is not kept). */
export type NeuronEpochRow = Omit<MetagraphRow, 'axon'>

export interface EpochSnapshot {
  netuid: number
  block: number
  totalStake: bigint
  alphaSupply: bigint
  neurons: NeuronEpochRow[]
  weights: { validator: string; dest: string; weight: bigint }[]
}

export interface PoolRow {
  netuid: number
  block: number
  logIndex: number
  hetuReserve: bigint
  alphaReserve: bigint
  price: number
}

/** Everything one indexed range adds, written in one transaction with the new cursor. */
export interface RangeWrite {
  cursor: number
  blocks: { number: number; hash: string; time: number }[]
  events: EventRow[]
  pool: PoolRow[]
  snapshots: EpochSnapshot[]
}

export class DashboardStore {
  readonly path: string
  readonly #db: Db

  constructor(path: string) {
    this.path = path
    try {
      mkdirSync(dirname(path), { recursive: true })
      this.#db = new Database(path)
      this.#db.exec(SCHEMA)
    } catch (err) {
      throw new DashboardStoreError(path, err instanceof Error ? err.message : String(err), err)
    }
    const version = this.#get("SELECT value FROM meta WHERE key = 'version'")
    if (!version) this.#db.run("INSERT INTO meta (key, value) VALUES ('version', ?)", [String(STORE_VERSION)])
    else if (version.value !== String(STORE_VERSION))
      throw new DashboardStoreError(
        path,
        `schema version ${version.value}, this version reads ${STORE_VERSION}`,
      )
  }

  #all(sql: string, values?: BindValues): StoreRow[] {
    return this.#db.all(sql, values) as StoreRow[]
  }

  #get(sql: string, values?: BindValues): StoreRow | undefined {
    return (this.#db.get(sql, values) as StoreRow | null) ?? undefined
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close()
  }

  // ── chains ────────────────────────────────────────────────────────────────────────────────────
  /** The newest history of this chain (same chain id, genesis block and SubnetManager), if any. */
  findChain(chainId: number, genesis: string, subnetManager: string): ChainRow | undefined {
    const row = this.#get(
      'SELECT * FROM chains WHERE chain_id = ? AND genesis = ? AND subnet_manager = ? ORDER BY id DESC LIMIT 1',
      [chainId, genesis, subnetManager.toLowerCase()],
    )
    return row ? toChain(row) : undefined
  }

  createChain(args: {
    chainId: number
    genesis: string
    subnetManager: string
    rpcUrl: string
    fromBlock: number
  }): ChainRow {
    const { lastInsertRowid } = this.#db.run(
      'INSERT INTO chains (chain_id, genesis, subnet_manager, rpc_url, started_at, from_block, cursor) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [
        args.chainId,
        args.genesis,
        args.subnetManager.toLowerCase(),
        args.rpcUrl,
        Date.now(),
        args.fromBlock,
        args.fromBlock - 1,
      ],
    )
    return toChain(this.#get('SELECT * FROM chains WHERE id = ?', [Number(lastInsertRowid)])!)
  }

  chains(): ChainRow[] {
    return this.#all('SELECT * FROM chains ORDER BY id').map(toChain)
  }

  // ── writes ────────────────────────────────────────────────────────────────────────────────────
  /** Writes one indexed range and moves the cursor, all or nothing. */
  writeRange(chain: number, write: RangeWrite): void {
    this.#transaction(() => {
      this.#insert(
        'blocks',
        write.blocks.map((b) => [chain, b.number, b.hash, b.time]),
      )
      this.#insert(
        'events',
        write.events.map((e) => [
          chain,
          e.block,
          e.logIndex,
          e.tx,
          e.contract,
          e.name,
          e.netuid,
          e.account,
          e.args,
        ]),
      )
      this.#insert(
        'pool',
        write.pool.map((p) => [
          chain,
          p.netuid,
          p.block,
          p.logIndex,
          String(p.hetuReserve),
          String(p.alphaReserve),
          p.price,
        ]),
      )
      for (const snapshot of write.snapshots) this.#writeSnapshot(chain, snapshot)
      this.#db.run('UPDATE chains SET cursor = ? WHERE id = ?', [write.cursor, chain])
    })
  }

  #writeSnapshot(chain: number, s: EpochSnapshot): void {
    const previous = new Map<string, bigint>()
    const before = this.#get(
      'SELECT MAX(block) AS block FROM epochs WHERE chain = ? AND netuid = ? AND block < ?',
      [chain, s.netuid, s.block],
    )
    if (before?.block != null)
      for (const row of this.#all(
        'SELECT hotkey, alpha FROM neuron_epochs WHERE chain = ? AND netuid = ? AND block = ?',
        [chain, s.netuid, before.block],
      ))
        previous.set(String(row.hotkey), BigInt(String(row.alpha)))
    this.#db.run('INSERT OR REPLACE INTO epochs VALUES (?, ?, ?, ?, ?, ?, ?)', [
      chain,
      s.netuid,
      s.block,
      s.neurons.length,
      s.neurons.filter((n) => n.isValidator).length,
      String(s.totalStake),
      String(s.alphaSupply),
    ])
    this.#insert(
      'neuron_epochs',
      s.neurons.map((n) => {
        const hotkey = n.hotkey.toLowerCase()
        const last = previous.get(hotkey)
        const earned = last === undefined ? null : String(n.alphaBalance - last)
        const { stake, alphaBalance: alpha, emission } = n
        const amounts = [String(stake), String(alpha), earned]
        return [
          chain,
          s.netuid,
          s.block,
          n.uid,
          hotkey,
          n.isValidator ? 1 : 0,
          n.active ? 1 : 0,
          ...amounts,
          n.incentive,
          n.dividends,
          n.consensus,
          String(emission),
        ]
      }),
    )
    this.#insert(
      'weights',
      s.weights.map((w) => [
        chain,
        s.netuid,
        s.block,
        w.validator.toLowerCase(),
        w.dest.toLowerCase(),
        Number(w.weight),
      ]),
    )
  }

  /** Forgets every block after `block` (a reorg): the indexer reads them again. */
  rollback(chain: number, block: number): void {
    this.#transaction(() => {
      for (const [table, column] of BLOCK_TABLES)
        this.#db.run(`DELETE FROM ${table} WHERE chain = ? AND ${column} > ?`, [chain, block])
      this.#db.run('UPDATE chains SET cursor = MIN(cursor, ?) WHERE id = ?', [block, chain])
    })
  }

  /** Inserts (or replaces) rows of one table through one prepared statement. */
  #insert(table: string, rows: (string | number | null)[][]): void {
    if (rows.length === 0) return
    const statement = this.#db.prepare(
      `INSERT OR REPLACE INTO ${table} VALUES (${rows[0]!.map(() => '?').join(', ')})`,
    )
    try {
      for (const row of rows) statement.run(row)
    } finally {
      statement.finalize()
    }
  }

  #transaction(work: () => void): void {
    this.#db.exec('BEGIN')
    try {
      work()
      this.#db.exec('COMMIT')
    } catch (err) {
      this.#db.exec('ROLLBACK')
      throw err
    }
  }

  // ── reads ─────────────────────────────────────────────────────────────────────────────────────
  chain(id: number): ChainRow | undefined {
    const row = this.#get('SELECT * FROM chains WHERE id = ?', [id])
    return row ? toChain(row) : undefined
  }

  /** Stored block hashes at or below `below`, newest first. */
  blockHashes(chain: number, below: number, limit: number): { number: number; hash: string }[] {
    return this.#all(
      'SELECT number, hash FROM blocks WHERE chain = ? AND number <= ? ORDER BY number DESC LIMIT ?',
      [chain, below, limit],
    ).map((r) => ({ number: Number(r.number), hash: String(r.hash) }))
  }

  /** Epoch blocks of a subnet, oldest first (the last `limit`). */
  epochBlocks(chain: number, netuid: number, limit: number): number[] {
    return this.#all('SELECT block FROM epochs WHERE chain = ? AND netuid = ? ORDER BY block DESC LIMIT ?', [
      chain,
      netuid,
      limit,
    ])
      .map((r) => Number(r.block))
      .reverse()
  }

  /** Per-neuron rows of the given epochs (hotkeys lowercase). */
  neuronEpochs(chain: number, netuid: number, fromBlock: number): StoreRow[] {
    return this.#all(
      'SELECT block, hotkey, alpha, alpha_earned FROM neuron_epochs WHERE chain = ? AND netuid = ? AND block >= ? ORDER BY block',
      [chain, netuid, fromBlock],
    )
  }

  /** One neuron's rows across epochs, oldest first. */
  neuronHistory(chain: number, netuid: number, hotkey: string, limit: number): StoreRow[] {
    return this.#all(
      'SELECT * FROM neuron_epochs WHERE chain = ? AND netuid = ? AND hotkey = ? ORDER BY block DESC LIMIT ?',
      [chain, netuid, hotkey.toLowerCase(), limit],
    ).reverse()
  }

  /** Alpha earned in the subnet's last stored epoch, by lowercase hotkey. */
  lastEpochEarned(chain: number, netuid: number): { block: number | null; earned: Map<string, string> } {
    const last = this.#get('SELECT MAX(block) AS block FROM epochs WHERE chain = ? AND netuid = ?', [
      chain,
      netuid,
    ])
    const earned = new Map<string, string>()
    if (last?.block == null) return { block: null, earned }
    for (const row of this.#all(
      'SELECT hotkey, alpha_earned FROM neuron_epochs WHERE chain = ? AND netuid = ? AND block = ?',
      [chain, netuid, last.block],
    ))
      if (row.alpha_earned !== null) earned.set(String(row.hotkey), String(row.alpha_earned))
    return { block: Number(last.block), earned }
  }

  /** Block of each validator's last WeightsSet on the subnet, by lowercase address. */
  lastWeightsBlocks(chain: number, netuid: number): Map<string, number> {
    const rows = this.#all(
      "SELECT account, MAX(block) AS block FROM events WHERE chain = ? AND netuid = ? AND name = 'WeightsSet' GROUP BY account",
      [chain, netuid],
    )
    return new Map(rows.map((r) => [String(r.account), Number(r.block)]))
  }

  /** Pool reserves after each change, oldest first (the last `limit`). */
  poolHistory(chain: number, netuid: number, limit: number): StoreRow[] {
    return this.#all(
      'SELECT block, hetu_reserve, alpha_reserve, price FROM pool WHERE chain = ? AND netuid = ? ORDER BY block DESC, log_index DESC LIMIT ?',
      [chain, netuid, limit],
    ).reverse()
  }

  /** Events about an account on a subnet (or the network), newest first. */
  accountEvents(chain: number, netuid: number, account: string, limit: number): StoreRow[] {
    return this.#all(
      'SELECT block, name, contract, args FROM events WHERE chain = ? AND account = ? AND (netuid = ? OR netuid IS NULL) ORDER BY block DESC, log_index DESC LIMIT ?',
      [chain, account.toLowerCase(), netuid, limit],
    )
  }

  /**
   * Per stored epoch, the weights a neuron received (summed over the validators) and gave (summed over
   * its vector), raw 0..1 000 000 each, by block.
   */
  weightsByEpoch(
    chain: number,
    netuid: number,
    hotkey: string,
  ): Map<number, { received: number; given: number }> {
    const out = new Map<number, { received: number; given: number }>()
    const key = hotkey.toLowerCase()
    for (const [column, field] of [
      ['dest', 'received'],
      ['validator', 'given'],
    ] as const)
      for (const row of this.#all(
        `SELECT block, SUM(weight) AS total FROM weights WHERE chain = ? AND netuid = ? AND ${column} = ? GROUP BY block`,
        [chain, netuid, key],
      )) {
        const entry = out.get(Number(row.block)) ?? { received: 0, given: 0 }
        entry[field] = Number(row.total)
        out.set(Number(row.block), entry)
      }
    return out
  }

  count(table: 'events' | 'epochs' | 'neuron_epochs' | 'pool' | 'blocks', chain: number): number {
    return Number(this.#get(`SELECT COUNT(*) AS n FROM ${table} WHERE chain = ?`, [chain])!.n)
  }
}

function toChain(row: StoreRow): ChainRow {
  return {
    id: Number(row.id),
    chainId: Number(row.chain_id),
    genesis: String(row.genesis),
    subnetManager: String(row.subnet_manager),
    fromBlock: Number(row.from_block),
    cursor: Number(row.cursor),
  }
}
