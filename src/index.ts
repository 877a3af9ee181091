export * from './chain/abi/index.js'
export * from './consensus/index.js'
export { HetuError, type HetuErrorOptions } from './errors.js'
export { type AnvilOptions, type AnvilProcess, anvilBinaryPath, startAnvil } from './localnet/anvil.js'
