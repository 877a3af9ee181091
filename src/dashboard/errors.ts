import { HetuError } from '../errors.js'

/** The history file cannot be opened, created or read. */
export class DashboardStoreError extends HetuError {
  override name = 'DashboardStoreError'
  constructor(path: string, reason: string, cause?: unknown) {
    super('DASHBOARD_STORE_INVALID', `Cannot use ${path} as the dashboard's history: ${reason}.`, {
      hint: 'Pass another file with --db <file> (a new file is created), or move this one away.',
      meta: { path },
      ...(cause !== undefined && { cause }),
    })
  }
}

/** A dashboard option is out of range or malformed. */
export class DashboardOptionError extends HetuError {
  override name = 'DashboardOptionError'
  constructor(option: string, value: unknown, expected: string) {
    super(
      'DASHBOARD_OPTION_INVALID',
      `Invalid ${option} ${JSON.stringify(String(value))}: expected ${expected}.`,
      {
        meta: { option, value: String(value) },
      },
    )
  }
}

/** The dashboard's port is taken or the host cannot be bound. */
export class DashboardListenError extends HetuError {
  override name = 'DashboardListenError'
  constructor(host: string, port: number, reason: string, cause?: unknown) {
    super('DASHBOARD_LISTEN_FAILED', `The dashboard cannot listen on ${host}:${port}: ${reason}.`, {
      hint: 'Pick another port with --port (0 picks a free one) or another --host.',
      meta: { host, port },
      ...(cause !== undefined && { cause }),
    })
  }
}

/** The dashboard's page files (its static/ folder, uPlot) are not where this package keeps them. */
export class DashboardAssetsError extends HetuError {
  override name = 'DashboardAssetsError'
  constructor(from: string) {
    super('DASHBOARD_ASSETS_MISSING', `Cannot find the hetu-subnet package root above ${from}.`, {
      hint: 'Install hetu-subnet with its files (npm install), including static/dashboard.',
      meta: { from },
    })
  }
}

/** The indexer was started after it stopped (a stopped indexer does not start again). */
export class DashboardStateError extends HetuError {
  override name = 'DashboardStateError'
  constructor(what: string, state: string) {
    super('DASHBOARD_STATE', `${what}: it is ${state}.`, {
      hint: 'Create a new Indexer (or start a new dashboard) to follow the chain again.',
      meta: { state },
    })
  }
}
