/** EVM address of the chain's blockinflation module (first 20 bytes of sha256("blockinflation")): the
 * system address that injects pool liquidity and must be an Alpha minter of every subnet
 * (docs/contracts.md#deployment-and-wiring). */
export const HETU_BLOCKINFLATION_ADDRESS = '0x7f7896959283F97F6F197B08CdafaA73df4b7dF1' as const
