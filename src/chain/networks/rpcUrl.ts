/**
 * What is wrong with an RPC URL, or undefined when the SDK can use it: a URL whose scheme is http or
 * https (the chain transport is JSON-RPC over node:http/https; a ws:// URL failed later as
 * "not reachable").
 */
export function rpcUrlProblem(text: string): string | undefined {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'not a URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `${url.protocol}// is not supported (JSON-RPC over http:// or https:// only; use the node's HTTP endpoint)`
  return undefined
}
