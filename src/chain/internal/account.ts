// viem's privateKeyToAccount on its own, for a dynamic import: importing 'viem/accounts' as a whole
// would make the bundler keep all of that entry (HD keys, every BIP-39 word list) for it.
export { privateKeyToAccount } from 'viem/accounts'
