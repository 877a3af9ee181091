import type { Command } from 'commander'
import { group } from './group.js'
import { lazy } from './lazy.js'

export function walletCommands(program: Command): void {
  group(
    program,
    ['wallet', 'w'],
    'create, import, list, show, transfer and export wallets (encrypted V3 keystores)',
    (wallet) => {
      wallet
        .command('create [name]')
        .description('create a wallet (a coldkey for funds, a hotkey for the neuron) with fresh random keys')
        .option('--mnemonic', 'derive both keys from a new 12-word phrase, printed once to write down')
        .option('--single-key', 'one key as both coldkey and hotkey')
        .option('--overwrite', 'replace a wallet of the same name')
        .option('--scrypt-n <n>', 'scrypt cost of the key files (default 262144; lower only for tests)')
        .action(lazy(() => import('../commands/wallet/create.js')))

      wallet
        .command('import [name]')
        .description(
          "import a wallet from a private key, a mnemonic or another tool's keystore; a private key or keystore is one key, used as coldkey and hotkey",
        )
        .option('--private-key [hex]', 'the private key (asked without echo when no value is given)')
        .option('--private-key-env <NAME>', 'read the private key from this environment variable')
        .option('--mnemonic [words]', 'BIP-39 phrase (asked without echo when no value is given)')
        .option('--mnemonic-env <NAME>', 'read the phrase from this environment variable')
        .option('--account-index <i>', "the coldkey's index in m/44'/60'/0'/0/i; the hotkey is i+1", '0')
        .option('--keystore <file>', 'a V3 keystore JSON file (geth, MetaMask, hetucli); same password')
        .option(
          '--hotkey-private-key-env <NAME>',
          'a separate hotkey: its private key from this environment variable',
        )
        .option(
          '--new-hotkey',
          'a separate, fresh hotkey (fund it from the coldkey with `hetu wallet transfer`)',
        )
        .option(
          '--single-key',
          "a mnemonic's key i as both coldkey and hotkey (private keys and keystores are one key)",
        )
        .option('--overwrite', 'replace a wallet of the same name')
        .option('--scrypt-n <n>', 'scrypt cost of the key files (default 262144; lower only for tests)')
        .action(lazy(() => import('../commands/wallet/import.js')))

      wallet
        .command('list')
        .description('wallet names and addresses (no password needed)')
        .action(lazy(() => import('../commands/wallet/list.js')))

      wallet
        .command('show [name]')
        .alias('balance')
        .description('addresses and balances of both keys: native HETU, WHETU, stake')
        .action(lazy(() => import('../commands/wallet/show.js')))

      wallet
        .command('transfer <to> <amount>')
        .description(
          'send HETU to an address or to a wallet (its hotkey, or its coldkey with --to-key), after confirmation (--yes)',
        )
        .option('--token <token>', 'HETU (native) or WHETU', 'HETU')
        .option('--to-key <key>', 'when <to> is a wallet name: hotkey or coldkey', 'hotkey')
        .action(lazy(() => import('../commands/wallet/transfer.js')))

      wallet
        .command('export [name]')
        .description('print the private key of the coldkey (or --key hotkey), after confirmation')
        .action(lazy(() => import('../commands/wallet/export.js')))
    },
  )
}
