import { HetuError } from '../errors.js'

// The SDK's hints name SDK calls; on the command line the same advice reads as a command.
const CLI_HINTS: Record<string, string> = {
  SUBNET_NOT_FOUND: 'List the subnets with `hetu subnet list`.',
  SUBNET_NOT_ACTIVE: 'The subnet owner must run `hetu subnet activate NETUID` first.',
  RPC_UNAVAILABLE:
    'Check that the node runs and answers at that URL (from --rpc-url, --network, HETU_RPC_URL or the config file); `hetu localnet` starts a local chain.',
  WALLET_LOCKED: 'Pass --wallet NAME (and --password-env NAME in scripts).',
  INSUFFICIENT_FUNDS:
    'Fund it with `hetu wallet transfer <address> <amount>` from a funded wallet, or a faucet.',
  INSUFFICIENT_AVAILABLE_STAKE:
    'Add stake with `hetu stake add AMOUNT`, or deallocate it from another subnet.',
  INSUFFICIENT_STAKE: 'See `hetu stake info` for what can be removed.',
  INSUFFICIENT_ALLOCATION: 'See `hetu stake info` for the allocation per subnet.',
  STAKE_BELOW_THRESHOLD:
    'See the thresholds with `hetu subnet params NETUID` (neuronThreshold, validatorThreshold).',
  NEURON_NOT_REGISTERED: 'Register first with `hetu neuron register NETUID`.',
  NEURON_ALREADY_REGISTERED:
    'Change endpoints with `hetu neuron update-service`, or `hetu neuron deregister` first.',
  NOT_VALIDATOR: 'Only neurons registered with `--role validator` may set weights.',
  NOT_OWNER: 'Sign with the subnet owner’s wallet (--wallet NAME, --key coldkey).',
  SLIPPAGE_EXCEEDED: 'Quote again with `hetu amm quote`, then raise --slippage or lower --min-out.',
  INSUFFICIENT_LIQUIDITY:
    'Quote first with `hetu amm quote`; a fresh pool cannot trade until emissions fill it.',
  INSUFFICIENT_TOKEN_BALANCE: 'Check the balances with `hetu wallet show`.',
  ALLOCATION_BEFORE_REGISTRATION:
    'Register with `hetu neuron register NETUID` first (it allocates), or pass --force.',
  WRONG_NETWORK:
    'Point --rpc-url at a node of that chain, or drop --network/--chain-id to take whatever chain the RPC serves.',
  UNKNOWN_NETWORK:
    'See the networks with `hetu network list`; save your own with `hetu network add NAME --rpc-url URL --contracts-file FILE`.',
  RPC_ERROR: 'Check that --rpc-url (or the network’s RPC URL) is the JSON-RPC endpoint of a Hetu node.',
  MISSING_RPC_URL: 'Pass --rpc-url, set HETU_RPC_URL, or add networks.<name>.rpcUrl to ~/.hetu/config.json.',
  WRONG_PASSWORD: 'Check the password (or the variable named by --password-env).',
  WALLET_NOT_FOUND:
    'See the wallets with `hetu wallet list` (or pass --wallet-dir); create one with `hetu wallet create NAME`; bring a hetucli keystore over with `hetu wallet import NAME --keystore FILE`.',
  WALLET_EXISTS: 'Pick another name, or pass --overwrite to replace it (its keys are lost without a backup).',
}

/** Codes whose details say what the user needs to act on (which failure, how many attempts): always shown. */
const SHOWN_DETAILS = new Set(['RPC_UNAVAILABLE'])

/** Prints an error as one line plus what to do (stack only with --verbose); returns the exit code. */
export function reportError(err: unknown, verbose: boolean): number {
  if (err instanceof HetuError) {
    process.stderr.write(`error: ${err.shortMessage}\n`)
    const specific = typeof err.meta.cliHint === 'string' ? err.meta.cliHint : undefined
    const hint = specific ?? CLI_HINTS[err.code] ?? err.hint
    if (hint) process.stderr.write(`hint: ${hint}\n`)
    if (err.details && (verbose || SHOWN_DETAILS.has(err.code)))
      process.stderr.write(`details: ${err.details}\n`)
  } else {
    process.stderr.write(`error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`)
  }
  if (verbose && err instanceof Error && err.stack) process.stderr.write(`${stackOf(err)}\n`)
  return 1
}

/**
 * The stack's frames under the error's name and one-line message. A HetuError's full message repeats
 * the SDK's hint (in SDK option names) and its docs path, which the lines above already replaced.
 */
function stackOf(err: Error): string {
  if (!(err instanceof HetuError)) return err.stack!
  const frames = err.stack!.split('\n').filter((line) => /^\s+at\s/.test(line))
  return [`${err.name}: ${err.shortMessage}`, ...frames].join('\n')
}
