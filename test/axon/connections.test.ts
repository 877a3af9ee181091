// The per-address connection cap, on a real server and real sockets. Loopback offers one IPv6
// address, so the server sees each connection from the address a test gives it (as behind a proxy
// that reports the client's): several in one /64 are one client; another /64 is someone else.
import { createServer, type Server } from 'node:http'
import { type AddressInfo, connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { guardConnections } from '../../src/axon/connections.js'

describe('per-address connection cap', () => {
  let server: Server | undefined
  const sockets: Socket[] = []
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy()
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    server = undefined
  })

  /** A server capped at `perIp`, seeing the connections from `addresses` in turn. */
  async function start(perIp: number, addresses: string[]) {
    server = createServer((_req, res) => res.end('ok'))
    let next = 0
    server.prependListener('connection', (socket: Socket) => {
      Object.defineProperty(socket, 'remoteAddress', { value: addresses[next++] })
    })
    guardConnections(server, perIp, 10_000)
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }

  /** Opens a connection; resolves whether the server kept it open past a short wait. */
  async function kept(port: number): Promise<boolean> {
    const socket = connect(port, '127.0.0.1')
    sockets.push(socket)
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject))
    socket.write('GET / HTTP/1.1\r\nhost: x\r\n\r\n')
    const answer = await new Promise<string>((resolve) => {
      socket.once('data', (chunk) => resolve(String(chunk)))
      socket.once('close', () => resolve(''))
    })
    return answer.startsWith('HTTP/1.1 200')
  }

  it('counts the addresses of one IPv6 /64 as one client, and another /64 apart', async () => {
    const port = await start(2, [
      '2001:db8:0:1::1',
      '2001:db8:0:1:ffff::2',
      '2001:db8:0:1:abcd:ef01:2345:6789', // the third of this /64: refused
      '2001:db8:0:2::1', // another /64
      '::ffff:203.0.113.7',
      '203.0.113.7',
      '203.0.113.7', // the third of this IPv4 address, mapped or not: refused
    ])
    const results = []
    for (let i = 0; i < 7; i++) results.push(await kept(port))
    expect(results).toEqual([true, true, false, true, true, true, false])
  })

  it('gives a closed connection’s place back', async () => {
    const port = await start(1, ['2001:db8::1', '2001:db8::2', '2001:db8::3'])
    expect(await kept(port)).toBe(true)
    expect(await kept(port)).toBe(false)
    sockets[0]!.destroy()
    // Once the server has seen both close, the first one's place is free again.
    const open = () => new Promise<number>((resolve) => server!.getConnections((_, n) => resolve(n)))
    for (const deadline = Date.now() + 5_000; (await open()) > 0 && Date.now() < deadline; )
      await new Promise((resolve) => setTimeout(resolve, 10))
    expect(await kept(port)).toBe(true)
  })
})
