import {existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from 'node:fs'
import http from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PassThrough} from 'node:stream'
import type {Duplex} from 'node:stream'

import {afterAll, afterEach, describe, expect, it} from 'vitest'

import {copyFromContainer, copyToContainer} from '../../../../src/clients/zun/copy.js'
import {createTar, readTar} from '../../../../src/clients/zun/tar.js'
import {acceptKey, connectWebSocket, encodeFrame, FrameDecoder, Opcode, runConsole} from '../../../../src/clients/zun/websocket.js'
import {fakeServerPool} from '../../../fakes/server.js'
import {TOKEN, zun} from './containers-helpers.js'

/** `cp` (tar both ways) and the websocket client behind `attach` and `exec --interactive`. */

const temps: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'zun-cp-'))
  temps.push(d)
  return d
}
afterAll(() => {
  for (const d of temps) rmSync(d, {recursive: true, force: true})
})

describe('tar', () => {
  it('round-trips files and folders, long names through the ustar prefix', () => {
    const long = `${'d'.repeat(90)}/${'f'.repeat(90)}.txt`
    const tar = createTar([
      {name: 'dir', type: 'dir'},
      {name: 'dir/a.txt', data: Buffer.from('A'), mode: 0o600, mtime: 1_700_000_000},
      {name: long, data: Buffer.alloc(1000, 7)},
    ])
    expect(tar.length % 512).toBe(0)
    const entries = readTar(tar)
    expect(entries.map((e) => [e.name, e.type, e.data.length])).toEqual([
      ['dir/', 'dir', 0],
      ['dir/a.txt', 'file', 1],
      [long, 'file', 1000],
    ])
    expect(entries[1].mode).toBe(0o600)
    expect(entries[1].mtime).toBe(1_700_000_000)
  })

  it('a damaged header is refused', () => {
    const tar = createTar([{name: 'a', data: Buffer.from('x')}])
    tar[10] ^= 0xff
    expect(() => readTar(tar)).toThrow(/bad header checksum/)
  })
})

describe('cp', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('from a container: unpacks into the destination folder, created if missing', async () => {
    const s = await fakes.start('zun')
    const tar = createTar([{name: 'etc', type: 'dir'}, {name: 'etc/hostname', data: Buffer.from('web\n')}])
    s.on({method: 'GET', path: '/v1/containers/web/get_archive', query: {path: '/etc'}, token: TOKEN, reply: {json: {data: tar.toString('base64'), stat: {}}}})
    const dest = join(tempDir(), 'out')
    const res = await copyFromContainer(zun(s), 'web', '/etc', dest)
    expect(readFileSync(join(dest, 'etc', 'hostname'), 'utf8')).toBe('web\n')
    expect(res.paths).toEqual([join(dest, 'etc', 'hostname')])
  })

  it('from a container: an entry that would land outside the folder is refused and nothing is written', async () => {
    const s = await fakes.start('zun')
    const tar = createTar([{name: 'ok.txt', data: Buffer.from('x')}, {name: '../evil.txt', data: Buffer.from('x')}])
    s.on({method: 'GET', path: '/v1/containers/web/get_archive', query: {path: '/x'}, token: TOKEN, reply: {json: {data: tar.toString('base64'), stat: {}}}})
    const parent = tempDir()
    const dest = join(parent, 'out')
    await expect(copyFromContainer(zun(s), 'web', '/x', dest)).rejects.toThrow('refusing to extract ../evil.txt')
    expect(existsSync(join(parent, 'evil.txt'))).toBe(false)
    expect(existsSync(dest)).toBe(false)
  })

  it('to a container: a folder packed under its base name', async () => {
    const s = await fakes.start('zun')
    const src = join(tempDir(), 'conf')
    mkdirSync(join(src, 'sub'), {recursive: true})
    writeFileSync(join(src, 'a.conf'), 'a=1\n')
    writeFileSync(join(src, 'sub', 'b.conf'), 'b=2\n')
    for (const p of [src, join(src, 'a.conf'), join(src, 'sub'), join(src, 'sub', 'b.conf')]) utimesSync(p, 1_700_000_000, 1_700_000_000)
    const mode = (p: string) => lstatSync(p).mode
    const expected = createTar([
      {name: 'conf', type: 'dir', mode: mode(src), mtime: 1_700_000_000},
      {name: 'conf/a.conf', data: Buffer.from('a=1\n'), mode: mode(join(src, 'a.conf')), mtime: 1_700_000_000},
      {name: 'conf/sub', type: 'dir', mode: mode(join(src, 'sub')), mtime: 1_700_000_000},
      {name: 'conf/sub/b.conf', data: Buffer.from('b=2\n'), mode: mode(join(src, 'sub', 'b.conf')), mtime: 1_700_000_000},
    ])
    s.on({
      method: 'POST',
      path: '/v1/containers/web/put_archive',
      query: {path: '/etc'},
      token: TOKEN,
      json: {data: expected.toString('base64')},
      reply: (req) => {
        const entries = readTar(Buffer.from((req.json as {data: string}).data, 'base64'))
        expect(entries.map((e) => [e.name, e.data.toString()])).toEqual([
          ['conf/', ''],
          ['conf/a.conf', 'a=1\n'],
          ['conf/sub/', ''],
          ['conf/sub/b.conf', 'b=2\n'],
        ])
        return {json: null}
      },
    })
    await copyToContainer(zun(s), src, 'web', '/etc')
    await expect(copyToContainer(zun(s), join(src, 'missing'), 'web', '/etc')).rejects.toThrow(/cannot read .*missing: ENOENT/)
  })
})

/** A websockify-like server: checks the handshake, then hands each connection to `session`. */
async function wsServer(opts: {protocol?: string; session: (socket: Duplex, frames: FrameDecoder) => void}) {
  const seen: http.IncomingHttpHeaders[] = []
  const server = http.createServer((_req, res) => res.writeHead(400).end())
  const sockets: Duplex[] = []
  server.on('upgrade', (req, socket) => {
    sockets.push(socket)
    seen.push(req.headers)
    const headers = [
      'HTTP/1.1 101 Switching Protocols',
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${acceptKey(String(req.headers['sec-websocket-key']))}`,
      ...(opts.protocol ? [`Sec-WebSocket-Protocol: ${opts.protocol}`] : []),
    ]
    socket.write(`${headers.join('\r\n')}\r\n\r\n`)
    opts.session(socket, new FrameDecoder())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as AddressInfo).port
  return {
    url: `ws://127.0.0.1:${port}/?token=t&uuid=u`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

describe('websocket', () => {
  it('frames: masked client frames, 16- and 64-bit lengths, split delivery', () => {
    const mask = Buffer.from([1, 2, 3, 4])
    const big = Buffer.alloc(70_000, 0x61)
    const d = new FrameDecoder()
    const bytes = Buffer.concat([encodeFrame(Opcode.Text, Buffer.from('hi'), mask), encodeFrame(Opcode.Binary, big), encodeFrame(Opcode.Binary, Buffer.alloc(300, 1), mask)])
    const frames = [...d.push(bytes.subarray(0, 5)), ...d.push(bytes.subarray(5, 1000)), ...d.push(bytes.subarray(1000))]
    expect(frames.map((f) => [f.opcode, f.payload.length])).toEqual([
      [Opcode.Text, 2],
      [Opcode.Binary, 70_000],
      [Opcode.Binary, 300],
    ])
    expect(frames[0].payload.toString()).toBe('hi')
  })

  it('handshake: the binary/base64 subprotocols and the Origin zunclient sends; binary frames both ways', async () => {
    const got: string[] = []
    const srv = await wsServer({
      protocol: 'binary',
      session: (socket, frames) => {
        socket.write(encodeFrame(Opcode.Binary, Buffer.from('$ ')))
        socket.on('data', (chunk: Buffer) => {
          for (const f of frames.push(chunk)) {
            if (f.opcode === Opcode.Close) socket.end(encodeFrame(Opcode.Close, f.payload))
            else got.push(`${f.opcode}:${f.payload.toString()}`)
          }
        })
      },
    })
    try {
      const ws = await connectWebSocket(srv.url)
      expect(ws.protocol).toBe('binary')
      expect(srv.seen[0]['sec-websocket-protocol']).toBe('binary, base64')
      expect(srv.seen[0].origin).toBe(`http://127.0.0.1:${srv.port}`)
      const first = await new Promise<Buffer>((resolve) => ws.once('message', resolve))
      expect(first.toString()).toBe('$ ')
      ws.send('ls\r')
      const closed = new Promise((resolve) => ws.once('close', resolve))
      ws.close()
      await closed
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(got).toEqual([`${Opcode.Binary}:ls\r`])
    } finally {
      await srv.close()
    }
  })

  it('base64 subprotocol: text frames decoded and encoded', async () => {
    const got: string[] = []
    const srv = await wsServer({
      protocol: 'base64',
      session: (socket, frames) => {
        socket.write(encodeFrame(Opcode.Text, Buffer.from(Buffer.from('hello').toString('base64'))))
        socket.on('data', (chunk: Buffer) => {
          for (const f of frames.push(chunk)) if (f.opcode === Opcode.Text) got.push(Buffer.from(f.payload.toString(), 'base64').toString())
        })
      },
    })
    try {
      const ws = await connectWebSocket(srv.url)
      expect((await new Promise<Buffer>((resolve) => ws.once('message', resolve))).toString()).toBe('hello')
      ws.send('x')
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(got).toEqual(['x'])
      ws.close()
    } finally {
      await srv.close()
    }
  })

  it('a refused connection and a non-ws URL are clear errors', async () => {
    const srv = await wsServer({session: () => {}})
    await srv.close()
    await expect(connectWebSocket(`ws://127.0.0.1:${srv.port}/`)).rejects.toThrow(`Failed to connect to 127.0.0.1:${srv.port}: ECONNREFUSED`)
    await expect(connectWebSocket('http://127.0.0.1/')).rejects.toThrow('not a websocket URL (ws:// or wss://)')
  })

  it('console: stdin to the socket, the socket to stdout, ~. after Enter disconnects; a resize first', async () => {
    const got: string[] = []
    const srv = await wsServer({
      protocol: 'binary',
      session: (socket, frames) => {
        socket.on('data', (chunk: Buffer) => {
          for (const f of frames.push(chunk)) {
            if (f.opcode === Opcode.Binary) {
              got.push(f.payload.toString())
              socket.write(encodeFrame(Opcode.Binary, Buffer.from(`echo:${f.payload.toString()}`)))
            }
          }
        })
      },
    })
    try {
      const ws = await connectWebSocket(srv.url)
      const stdin = new PassThrough()
      const stdout = Object.assign(new PassThrough(), {isTTY: true, columns: 100, rows: 30})
      const out: string[] = []
      stdout.on('data', (d: Buffer) => out.push(d.toString()))
      const notes: string[] = []
      const sizes: Array<[number, number]> = []
      const done = runConsole(ws, 'web', {
        stdin,
        stdout,
        note: (l) => notes.push(l),
        resize: async (w, h) => sizes.push([w, h]),
      })
      stdin.write('ls\r')
      await new Promise((resolve) => setTimeout(resolve, 50))
      stdin.write('~')
      stdin.write('.')
      expect(await done).toEqual({ended: 'escaped'})
      expect(notes).toEqual(['connected to web, press Enter to continue', 'type ~. to disconnect'])
      expect(sizes).toEqual([[100, 30]])
      expect(got).toEqual(['ls\r'])
      expect(out.join('')).toBe('echo:ls\r')
    } finally {
      await srv.close()
    }
  })

  it('console: a ~ not at the start of a line, or not followed by ".", is sent; the remote closing ends the session', async () => {
    const got: string[] = []
    const srv = await wsServer({
      protocol: 'binary',
      session: (socket, frames) => {
        socket.on('data', (chunk: Buffer) => {
          for (const f of frames.push(chunk)) {
            if (f.opcode !== Opcode.Binary) continue
            got.push(f.payload.toString())
            if (f.payload.toString().includes('exit')) socket.end(encodeFrame(Opcode.Close, Buffer.from([0x03, 0xe8])))
          }
        })
      },
    })
    try {
      const ws = await connectWebSocket(srv.url)
      const stdin = new PassThrough()
      const done = runConsole(ws, 'web', {stdin, stdout: new PassThrough(), note: () => {}})
      stdin.write('a~.\r~x exit\r')
      expect(await done).toEqual({ended: 'closed', code: 1000, reason: ''})
      expect(got.join('')).toBe('a~.\r~x exit\r')
    } finally {
      await srv.close()
    }
  })
})

