// The `hetu` command line. Only commander loads up front; each command imports its own code when it
// runs, so `hetu --help` costs little more than starting Node.
import { Command, Option } from 'commander'
import { sdkVersion } from '../protocol/version.js'
import { ammCommands } from './program/amm.js'
import { completionCommand } from './program/completion.js'
import { dashboardCommand, dashboardOption } from './program/dashboard.js'
import { localnetSubcommands } from './program/localnet.js'
import { networkCommands } from './program/network.js'
import { neuronCommands } from './program/neuron.js'
import { neuronProcessCommands } from './program/neurons.js'
import { stakeCommands } from './program/stake.js'
import { subnetCommands } from './program/subnet.js'
import { walletCommands } from './program/wallet.js'
import { weightsCommands } from './program/weights.js'

// Output that cannot be written: a reader that went away (`| head`) ends the command quietly, as
// Unix tools do; anything else (a full disk) is one error line and exit code 1, not a stack.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') process.stderr.write(`error: could not write the output: ${err.message}\n`)
  process.exit(err.code === 'EPIPE' ? (process.exitCode ?? 0) : 1)
})

const program = new Command()
  .name('hetu')
  .description('Hetu subnets from the command line: localnet, wallets, subnets, neurons, staking, axons')
  .version(sdkVersion, '-v, --version')
  // -V as well (commander's default): both spellings print the version.
  .addOption(new Option('-V').hideHelp())
  .on('option:V', () => {
    process.stdout.write(`${sdkVersion}\n`)
    process.exit(0)
  })
  .option(
    '--network <name>',
    'a preset or saved network (`hetu network list`; default: $HETU_NETWORK, `hetu network use`, else local)',
  )
  .option('--rpc-url <url>', "JSON-RPC endpoint (default: $HETU_RPC_URL, else the network's)")
  .option('--wallet <name>', 'wallet to use (default: $HETU_WALLET, else the one named "default")')
  .option('--wallet-dir <dir>', 'wallet directory (default: $HETU_WALLET_DIR, else ~/.hetu/wallets)')
  .option('--key <key>', 'wallet key that signs: hotkey or coldkey (default depends on the command)')
  .option('--password-env <NAME>', 'read the wallet password from this environment variable')
  .option('--password <password>', 'the wallet password (visible to other users: prefer --password-env)')
  .option('--json', 'print the result as JSON on stdout (logs stay on stderr)')
  .option('-y, --yes', 'answer yes to confirmations (scripts)')
  .option('--verbose', 'print stack traces and debug logs')
  .configureHelp({ showGlobalOptions: true })
  // One line instead of the whole help (49 lines for a typo); commander still suggests near misses.
  .showHelpAfterError('(`hetu --help` lists the commands, `hetu <command> --help` their options)')

walletCommands(program)
networkCommands(program)
subnetCommands(program)
neuronCommands(program)
stakeCommands(program)
weightsCommands(program)
ammCommands(program)
neuronProcessCommands(program)

const localnet = program
  .command('localnet')
  .description('start a local Hetu chain (anvil + contracts); prints one JSON line with its addresses')
  .option(
    '--rules <set>',
    'public (default: like the public Hetu chain, quirks included) or fixed (our fixes, see contracts/README.md)',
  )
  .option('-p, --port <port>', 'JSON-RPC port', '8545')
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .option(
    '--block-time <seconds>',
    'seconds between blocks (default 1 with emission; without it, a block per transaction)',
  )
  .option('--no-emission', "do not play the chain's part (no emission, injections or epochs); plain automine")
  .option('--tempo <blocks>', "override every subnet's tempo (epoch every tempo + 1 blocks), e.g. 9")
  .option(
    '--payout <mode>',
    'epoch payout: conserving (total = schedule) or chain (up to 1.5x); default chain with --rules public, conserving with fixed',
  )
  .option(
    '--dividends <mode>',
    'dividends to: bondHolder (validators, Yuma) or receiver (the chain); default receiver with --rules public, bondHolder with fixed',
  )
  .option(
    '--info-file <path>',
    'where to write the JSON (default: hetu-localnet-<port>.json in $HETU_LOCALNET_DIR, else the temp dir)',
  )
  .action(async (opts) => (await import('./commands/localnet.js')).runLocalnet(opts))
localnetSubcommands(localnet)

dashboardCommand(program)

program
  .command('demo')
  .description(
    'miners and validators on a localnet: honest, wrong and slow miners, weights, epochs, Alpha earned',
  )
  .option('--json', 'print one JSON object on stdout')
  .option(
    '--epochs <count>',
    'epochs to watch once weights are on chain (default 6; with --dashboard, until Ctrl-C)',
  )
  .option('--rho <exponent>', "incentive exponent of the subnet's epochs (default 0.5, see the header)")
  .option(
    '--dashboard',
    'also serve the dashboard (`hetu dashboard`) on the demo chain and print its URL; runs until Ctrl-C',
  )
  .addOption(dashboardOption('port', 'with --dashboard: its port (default 0: a free one)'))
  .addOption(
    dashboardOption('db', 'with --dashboard: its SQLite history (default: a file in the temp directory)'),
  )
  .action(async (_opts, cmd) => (await import('./commands/demo.js')).runDemo(cmd.optsWithGlobals()))

completionCommand(program)

program.parseAsync(process.argv).catch(async (err: unknown) => {
  const { reportError } = await import('./report.js')
  process.exitCode = reportError(err, program.opts().verbose === true)
})
