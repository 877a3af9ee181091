import { type Command, Option } from 'commander'
import { lazy } from './lazy.js'

/** The dashboard's options: flags, help and default (shared with `hetu demo --dashboard`). */
const OPTIONS = {
  port: ['-p, --port <port>', 'port to listen on (0: a free one)', '0'],
  host: ['--host <host>', 'interface to listen on (the dashboard has no login: keep it local)', '127.0.0.1'],
  db: ['--db <file>', 'SQLite file of the history (default: dashboard.sqlite in the OS data directory)'],
  fromBlock: [
    '--from-block <n>',
    'first block to index for a chain not in the file yet (default: 0 locally, else head - 10000)',
  ],
  probeAxons: ['--no-probe-axons', "do not call the subnet's axons (GET /) for their live status"],
} as const

/** One of the dashboard's options; `description` replaces its help (and drops its default). */
export function dashboardOption(name: keyof typeof OPTIONS, description?: string): Option {
  const [flags, help, fallback] = OPTIONS[name] as readonly [string, string, string?]
  const option = new Option(
    description === undefined ? flags : flags.replace(/^-\w, /, ''),
    description ?? help,
  )
  return description === undefined && fallback !== undefined ? option.default(fallback) : option
}

/** `hetu dashboard`. */
export function dashboardCommand(program: Command): void {
  const command = program
    .command('dashboard')
    .description(
      'a local, read-only web app of the chain: subnets, metagraphs, charts, history (SQLite); prints its URL',
    )
  for (const name of Object.keys(OPTIONS) as (keyof typeof OPTIONS)[])
    command.addOption(dashboardOption(name))
  command.action(lazy(() => import('../commands/dashboard.js')))
}
