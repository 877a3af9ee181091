// The `hetu` command line. Only commander loads up front; each command imports its own code when it
// runs, so `hetu --help` costs little more than starting Node.
import { Command } from 'commander'

const program = new Command()
  .name('hetu')
  .description('Hetu subnets from the command line: localnet, wallets, subnets, neurons, staking, axons')
  .option('--verbose', 'print stack traces and debug logs')
  .showHelpAfterError()

program
  .command('localnet')
  .description('start a local Hetu chain (anvil + contracts); prints one JSON line with its addresses')
  .option('-p, --port <port>', 'JSON-RPC port', '8545')
  .option('--host <host>', 'interface to listen on', '127.0.0.1')
  .option('--block-time <seconds>', 'seconds between blocks (default: a block per transaction)')
  .option('--info-file <path>', 'where to write the JSON (default: <tmpdir>/hetu-localnet-<port>.json)')
  .action(async (opts) => (await import('./commands/localnet.js')).runLocalnet(opts))

program
  .command('demo')
  .description('boot a localnet, create and activate a subnet, print what happened')
  .option('--json', 'print one JSON object on stdout')
  .action(async (opts) => (await import('./commands/demo.js')).runDemo(opts))

program.parseAsync(process.argv).catch(async (err: unknown) => {
  const { reportError } = await import('./report.js')
  process.exitCode = reportError(err, program.opts().verbose === true)
})
