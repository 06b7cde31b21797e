import {createHash, randomBytes} from 'node:crypto'
import {EventEmitter} from 'node:events'
import http from 'node:http'
import https from 'node:https'
import type {Duplex} from 'node:stream'

import {MrctlError} from '../../core/errors.js'

/**
 * A small RFC 6455 client for `appcontainer attach` and `exec --interactive`: the websocket URL
 * Zun hands out leads to its wsproxy (websockify), which wants the subprotocols `binary` or
 * `base64` and an `Origin` header. Only what those sessions need: text, binary, close, ping/pong
 * and fragmented messages; client frames are masked as the RFC requires.
 */

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

export const Opcode = {Continuation: 0, Text: 1, Binary: 2, Close: 8, Ping: 9, Pong: 10} as const

/** One frame; `mask` for client frames (4 bytes), none for server frames. */
export function encodeFrame(opcode: number, payload: Buffer, mask?: Buffer, fin = true): Buffer {
  const len = payload.length
  const lenBytes = len < 126 ? 0 : len < 65_536 ? 2 : 8
  const head = Buffer.alloc(2 + lenBytes + (mask ? 4 : 0))
  head[0] = (fin ? 0x80 : 0) | opcode
  head[1] = (mask ? 0x80 : 0) | (lenBytes === 0 ? len : lenBytes === 2 ? 126 : 127)
  if (lenBytes === 2) head.writeUInt16BE(len, 2)
  if (lenBytes === 8) head.writeBigUInt64BE(BigInt(len), 2)
  if (!mask) return Buffer.concat([head, payload])
  mask.copy(head, 2 + lenBytes)
  const body = Buffer.alloc(len)
  for (let i = 0; i < len; i++) body[i] = payload[i] ^ mask[i & 3]
  return Buffer.concat([head, body])
}

export interface Frame {
  fin: boolean
  opcode: number
  payload: Buffer
}

/** Reads frames from a byte stream that arrives in pieces. */
export class FrameDecoder {
  private buf: Buffer = Buffer.alloc(0)

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk
    const frames: Frame[] = []
    for (;;) {
      if (this.buf.length < 2) return frames
      const b0 = this.buf[0]
      const b1 = this.buf[1]
      let len = b1 & 0x7f
      let at = 2
      if (len === 126) {
        if (this.buf.length < 4) return frames
        len = this.buf.readUInt16BE(2)
        at = 4
      } else if (len === 127) {
        if (this.buf.length < 10) return frames
        len = Number(this.buf.readBigUInt64BE(2))
        at = 10
      }
      const masked = (b1 & 0x80) !== 0
      const maskAt = at
      if (masked) at += 4
      if (this.buf.length < at + len) return frames
      let payload = Buffer.from(this.buf.subarray(at, at + len))
      if (masked) {
        const mask = this.buf.subarray(maskAt, maskAt + 4)
        payload = Buffer.from(payload.map((v, i) => v ^ mask[i & 3]))
      }
      frames.push({fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload})
      this.buf = this.buf.subarray(at + len)
    }
  }
}

/** `Sec-WebSocket-Accept` for a key. */
export function acceptKey(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64')
}

/**
 * An open websocket. Events: `message` (Buffer: base64 already decoded when the server chose the
 * `base64` subprotocol), `close` (code, reason), `error`.
 */
export class WebSocketConnection extends EventEmitter {
  private readonly decoder = new FrameDecoder()
  private fragments: Buffer[] = []
  private closed = false
  /** Messages that came before anyone listened (the server may speak first, in the handshake's packet). */
  private pending: Buffer[] = []

  constructor(
    private readonly socket: Duplex,
    /** The subprotocol the server chose (`binary`, `base64` or none). */
    readonly protocol: string | undefined,
    head: Buffer,
  ) {
    super()
    this.on('newListener', (event: string) => {
      if (event === 'message' && this.pending.length) queueMicrotask(() => this.flush())
    })
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    socket.on('close', () => this.finish(1006, 'connection closed'))
    socket.on('error', (error) => {
      if (this.listenerCount('error')) this.emit('error', error)
      this.finish(1006, error.message)
    })
    if (head.length) queueMicrotask(() => this.onData(head))
  }

  send(data: Buffer | string): void {
    if (this.closed) return
    const bytes = typeof data === 'string' ? Buffer.from(data) : data
    if (this.protocol === 'base64') this.write(Opcode.Text, Buffer.from(bytes.toString('base64')))
    else this.write(Opcode.Binary, bytes)
  }

  close(code = 1000): void {
    if (this.closed) return
    const payload = Buffer.alloc(2)
    payload.writeUInt16BE(code)
    this.write(Opcode.Close, payload)
    this.socket.end()
    // The peer should answer the close and hang up; do not wait for it forever.
    setTimeout(() => this.socket.destroy(), 1000).unref()
    this.finish(code, '')
  }

  private write(opcode: number, payload: Buffer): void {
    this.socket.write(encodeFrame(opcode, payload, randomBytes(4)))
  }

  private onData(chunk: Buffer): void {
    for (const f of this.decoder.push(chunk)) {
      if (f.opcode === Opcode.Ping) this.write(Opcode.Pong, f.payload)
      else if (f.opcode === Opcode.Close) {
        const code = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005
        if (!this.closed) this.write(Opcode.Close, f.payload.subarray(0, 2))
        this.socket.end()
        this.finish(code, f.payload.subarray(2).toString('utf8'))
      } else if (f.opcode === Opcode.Text || f.opcode === Opcode.Binary || f.opcode === Opcode.Continuation) {
        this.fragments.push(f.payload)
        if (f.fin) {
          const whole = Buffer.concat(this.fragments)
          this.fragments = []
          this.pending.push(this.protocol === 'base64' ? Buffer.from(whole.toString('ascii'), 'base64') : whole)
          this.flush()
        }
      }
    }
  }

  private flush(): void {
    while (this.pending.length && this.listenerCount('message') > 0) this.emit('message', this.pending.shift())
  }

  private finish(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.emit('close', code, reason)
  }
}

/** python-websocket-client's origin for zunclient: `http(s)://host:port` of the URL. */
export function originFor(url: URL): string {
  const port = url.port || (url.protocol === 'wss:' ? '443' : '80')
  return `${url.protocol === 'wss:' ? 'https' : 'http'}://${url.hostname}:${port}`
}

/** Opens a websocket to a `ws://` or `wss://` URL, offering the `binary` and `base64` subprotocols. */
export function connectWebSocket(
  rawUrl: string,
  opts: {protocols?: string[]; timeoutMs?: number; ca?: Buffer; insecure?: boolean} = {},
): Promise<WebSocketConnection> {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return Promise.reject(new MrctlError(`not a websocket URL: ${rawUrl}`))
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return Promise.reject(new MrctlError(`not a websocket URL (ws:// or wss://): ${rawUrl}`))
  }
  const key = randomBytes(16).toString('base64')
  const protocols = opts.protocols ?? ['binary', 'base64']
  const lib = url.protocol === 'wss:' ? https : http
  return new Promise((resolvePromise, reject) => {
    const req = lib.request({
      host: url.hostname,
      port: url.port || (url.protocol === 'wss:' ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Protocol': protocols.join(', '),
        Origin: originFor(url),
      },
      timeout: opts.timeoutMs ?? 30_000,
      ...(url.protocol === 'wss:' ? {ca: opts.ca, rejectUnauthorized: !opts.insecure} : {}),
    })
    req.on('upgrade', (res, socket, head) => {
      if (res.headers['sec-websocket-accept'] !== acceptKey(key)) {
        socket.destroy()
        reject(new MrctlError(`${url.host} answered the websocket handshake with a wrong Sec-WebSocket-Accept`))
        return
      }
      const chosen = res.headers['sec-websocket-protocol']
      resolvePromise(new WebSocketConnection(socket, typeof chosen === 'string' ? chosen : undefined, head))
    })
    req.on('response', (res) => {
      res.resume()
      reject(new MrctlError(`${url.host} refused the websocket: HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim()))
    })
    req.on('timeout', () => req.destroy(new Error('no answer to the websocket handshake')))
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(new MrctlError(`Failed to connect to ${url.host}: ${error.code ?? error.message}`, {
        actions: ["check Zun's websocket proxy ([websocket_proxy] base_url) is reachable from here"],
      }))
    })
    req.end()
  })
}

// ---------------------------------------------------------------------------------------------
// The interactive session (zunclient's websocketclient loop)

export interface ConsoleIO {
  stdin: NodeJS.ReadableStream & {isTTY?: boolean; setRawMode?: (raw: boolean) => unknown; fd?: number}
  stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number; rows?: number}
  /** Status lines ("connected to …"), on stderr. */
  note: (line: string) => void
  /** Tells Zun the terminal size (resize / execute_resize); errors are ignored, as zunclient does. */
  resize?: (width: number, height: number) => Promise<unknown>
  /** The escape character; `<escape>.` at the start of a line disconnects. Default `~`. */
  escape?: string
  /** After stdin ends, how long output is still read before closing (zunclient: 0.5 s). */
  closeWaitMs?: number
}

/**
 * Relays stdin to the websocket and the websocket to stdout until the remote side closes,
 * stdin ends, or the user types `~.` after Enter. The terminal is put in raw mode and restored.
 */
export interface ConsoleEnd {
  /** Who ended it: the remote side (`closed`), the user's `~.` (`escaped`), or the end of stdin (`eof`). */
  ended: 'closed' | 'escaped' | 'eof'
  /** The close code when the remote side ended it (1000 normal, 1006 dropped without a close frame). */
  code?: number
  reason?: string
}

export function runConsole(ws: WebSocketConnection, label: string, io: ConsoleIO): Promise<ConsoleEnd> {
  const escape = io.escape ?? '~'
  io.note(`connected to ${label}, press Enter to continue`)
  io.note(`type ${escape}. to disconnect`)
  const raw = Boolean(io.stdin.isTTY && io.stdin.setRawMode)
  if (raw) io.stdin.setRawMode?.(true)
  const sendResize = () => {
    if (io.resize && io.stdout.isTTY && io.stdout.columns && io.stdout.rows) io.resize(io.stdout.columns, io.stdout.rows).catch(() => {})
  }
  sendResize()
  process.on('SIGWINCH', sendResize)

  return new Promise((resolvePromise) => {
    let startOfLine = false
    let readEscape = false
    let done = false
    const finish = (how: ConsoleEnd['ended'], code?: number, reason?: string) => {
      if (done) return
      done = true
      process.off('SIGWINCH', sendResize)
      io.stdin.off('data', onInput)
      io.stdin.off('end', onEnd)
      if (raw) io.stdin.setRawMode?.(false)
      io.stdin.pause()
      ws.close()
      resolvePromise(how === 'closed' ? {ended: how, code, reason} : {ended: how})
    }
    const onInput = (chunk: Buffer | string) => {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8')
      let out = ''
      for (const ch of text) {
        if (startOfLine && !readEscape && ch === escape) {
          readEscape = true
          continue
        }
        if (readEscape) {
          readEscape = false
          if (ch === '.') {
            if (out) ws.send(out)
            finish('escaped')
            return
          }
          out += escape
        }
        out += ch
        startOfLine = ch === '\r' || ch === '\n'
      }
      if (out) ws.send(out)
    }
    const onEnd = () => setTimeout(() => finish('eof'), io.closeWaitMs ?? 500)
    ws.on('message', (data: Buffer) => io.stdout.write(data))
    ws.on('close', (code: number, reason: string) => finish('closed', code, reason))
    ws.on('error', (error: Error) => finish('closed', 1006, error.message))
    io.stdin.on('data', onInput)
    io.stdin.on('end', onEnd)
    // stdin may have ended already (an empty pipe, read while `run --interactive` waited for Running).
    if ((io.stdin as {readableEnded?: boolean}).readableEnded) onEnd()
    io.stdin.resume()
  })
}

/** A session the proxy dropped without a close frame (1006): it refused us, or the link broke. */
export function abnormalEnd(end: ConsoleEnd, label: string): MrctlError | undefined {
  if (end.ended !== 'closed' || end.code !== 1006) return undefined
  return new MrctlError(`the websocket session with ${label} was dropped without a close frame (1006)${end.reason ? `: ${end.reason}` : ''}`, {
    actions: ["Zun's websocket proxy refuses a session it cannot serve (the container not Running, a used or stale token); check the container's status"],
  })
}
