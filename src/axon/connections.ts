import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import { addressBucket } from './sessions.js'

/**
 * At most `perIp` open connections per remote address (the rest are closed at once), so one client
 * cannot hold the whole `maxConnections` with slow requests and lock everyone else out; an IPv6 /64
 * counts as one address, as a host has a whole /64 to pick from. A connection that sends nothing
 * within `silentMs` is closed (Node's header timeout only starts with the first byte).
 */
export function guardConnections(server: Server, perIp: number, silentMs: number): void {
  const open = new Map<string, number>()
  server.on('connection', (socket: Socket) => {
    const ip = addressBucket(socket.remoteAddress)
    const count = (open.get(ip) ?? 0) + 1
    if (count > perIp) {
      socket.destroy()
      return
    }
    open.set(ip, count)
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy()
    }, silentMs).unref()
    socket.once('close', () => {
      clearTimeout(silent)
      const left = open.get(ip)! - 1
      if (left === 0) open.delete(ip)
      else open.set(ip, left)
    })
  })
}
