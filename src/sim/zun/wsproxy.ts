/**
 * The emulated zun-wsproxy: the websocket service behind `appcontainer attach` and
 * `appcontainer exec --interactive` (zun-api.md §3.6, §3.8, §5.1–5.2). Real Zun runs it as its own
 * service (websockify, `zun/websocket/websocketproxy.py`) on its own port (6784); so does
 * `startZunServer`, on `wsHost:wsPort` (default: the API's host, a free port), and the URLs that
 * attach and exec hand out point there (`[websocket_proxy] base_url`, unless `wsProxyUrl` is set).
 *
 * ## The protocol a client speaks (what python-zunclient does)
 *
 * 1. Get a URL. Attach: `GET /v1/containers/<c>/attach` answers a JSON string
 *    `ws://<host>:<port>/?token=<uuid>&uuid=<container uuid>` (the container must be interactive
 *    and Running; each call makes a new token and the older ones stop working). Interactive exec:
 *    `POST /v1/containers/<c>/execute?command=<quoted>&interactive=True&run=False` answers
 *    `{"exec_id": <64 hex>, "proxy_url": "ws://<host>:<port>/?token=<uuid>&uuid=<uuid>&exec_id=<id>"}`.
 *    Connect to that URL exactly as given: its host and port are the proxy's, not the API's.
 * 2. Open the websocket: `GET <path>?<query>` with `Upgrade: websocket`, `Connection: Upgrade`,
 *    `Sec-WebSocket-Version: 13`, a `Sec-WebSocket-Key`, and `Sec-WebSocket-Protocol: binary,base64`
 *    (zunclient's offer; the proxy picks `binary`. Offering protocols without `binary` gets an
 *    HTTP 400 "Invalid protocol selected"; offering none is accepted, with no subprotocol). An
 *    `Origin` header is optional; when present its host must be the `Host` header's host (or one of
 *    `wsAllowedOrigins`) and its scheme `http` (or `ws`) for a `ws://` base URL, `https`/`wss` for
 *    `wss://`. A request without an upgrade gets 405 (GET, HEAD) or 501 (other methods).
 * 3. The handshake (101, subprotocol `binary`) comes BEFORE any check, as in websockify. Then the
 *    proxy checks, in this order: the container (`uuid` is a UUID or a name, any project); the token
 *    (attach: the container's latest attach token; exec: `token` and `exec_id` must name one exec
 *    instance of that container); the Origin; then the target: the container must be Running (not
 *    Paused, Stopped…), and an exec instance can be started only once. A refusal is the TCP
 *    connection closed right after the 101, with no data and no close frame (a client sees 1006,
 *    "abnormal closure"); the reason goes only to the proxy's log ("handler exception: …").
 * 4. Client → proxy: what the user types, as BINARY frames of raw bytes (UTF-8), unprocessed (the
 *    client's terminal is in raw mode): Enter is "\r" (LF works too), DEL (0x7f) erases, Ctrl-U
 *    kills the line, Ctrl-C is 0x03, Ctrl-D (0x04) on an empty line is end of file. A TEXT frame is
 *    not supported: the proxy closes with 1003 "Unsupported: Text frames are not supported".
 *    Zunclient's `~.` escape is handled by the client and never sent.
 * 5. Proxy → client: BINARY frames of raw terminal output (UTF-8, "\r\n" line ends), including the
 *    tty's echo of what was typed. Write them to stdout as they are. (A real proxy may also send
 *    text frames: accept both.) The proxy answers pings and sends none.
 * 6. Attach: nothing is sent on connect (Docker's attach has `logs=0`; the shell printed its prompt
 *    before), so send "\r" to get a prompt (zunclient prints "connected to <c>, press Enter to
 *    continue"). All clients attached to a container share its one terminal: they see the same
 *    output, and what any of them types goes to the same process. Interactive exec: the command
 *    starts when the websocket connects; a shell prints its prompt at once; any other command
 *    prints its output and the session ends.
 * 7. Resize is plain HTTP, not a frame: attach `POST /v1/containers/<c>/resize?w=<cols>&h=<rows>`,
 *    exec `POST /v1/containers/<c>/execute_resize?exec_id=<id>&w=<cols>&h=<rows>` (200 `null`), once
 *    right after connecting and again on every window change. `stty size` in the shell shows it.
 * 8. The end: when the process behind the terminal ends (`exit`, Ctrl-D, an exec command that
 *    finished, the container stopped, killed, restarted, rebuilt or deleted) the proxy sends a close
 *    frame 1000 "Target closed". No exit code is sent (zunclient exits 0). A client that wants to
 *    leave sends a close frame (1000); the proxy answers it. Leaving an attach leaves the container
 *    running; leaving an exec ends the exec's process (hangup).
 * 9. `exit` typed at an attached container's main shell ends its main process: the container goes to
 *    Stopped with that exit code (and is removed with auto_remove), as with Docker.
 *
 * ## What runs behind the terminal
 * The tty is a pty's line discipline (tty.ts). A shell (`sh`, `ash`, `bash`, `dash` without `-c`;
 * for attach also no command at all, the image's default) is emulated: the prompt `/ # ` (bash:
 * `root@<hostname>:/# `), each line run as exec.ts runs `sh -c` (echo, hostname, cat, env/printenv,
 * ip addr, true, false, pwd, sleep, exit, `;`/`&&`/`||`, `$VAR`, `$?`) plus `stty size`; an unknown
 * command prints `sh: <cmd>: not found`. Any other command is the exec.ts program: its output
 * arrives as the injected clock reaches it, and input is only echoed. Attach output is also the
 * container's log (`logs`), as Docker logs a tty. Time is the injected `now`: nothing runs in the
 * background; the proxy catches up whenever a frame arrives or the API has answered a request.
 */
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {Duplex} from 'node:stream'
import {StringDecoder} from 'node:string_decoder'

import {type RawData, type WebSocket, WebSocketServer} from 'ws'

import {type OutputSegment, runCommand, unsupportedMessage} from './backend/exec.js'
import {execContext, exitMainProcess} from './backend/lifecycle.js'
import type {ContainerRecord, ExecInstance, ProcessRun} from './backend/model.js'
import {releaseContainer} from './backend/networking.js'
import {isUuidLike} from './params.js'
import {shlexSplit} from './backend/shlex.js'
import type {ZunState} from './backend/state.js'
import {Status} from './backend/status-machine.js'
import {DEAF_PROCESS, EmulatedShell, isInteractiveShell, LineDiscipline, onlcr, type TtyProcess} from './tty.js'

export interface ZunWsProxyOptions {
  state: ZunState
  /** The injected clock (the API's). */
  now: () => Date
  /** `[websocket_proxy] allowed_origins`: Origin hosts accepted besides the Host header's. */
  allowedOrigins?: string[]
  /** The proxy's log (refused connections: "handler exception: …"); default stderr. */
  log?: (line: string) => void
  /** Unexpected errors; default stderr. */
  onError?: (err: unknown) => void
}

/** A websockify server's `Server` header. */
const SERVER = 'WebSockify Python/3.11.2'

/** A check that failed after the handshake: the connection is dropped, the reason logged. */
class Refusal extends Error {}

interface Session {
  ws: WebSocket
  term: Terminal
  /** The terminal output already sent to this client. */
  sent: WeakSet<OutputSegment>
  decoder: StringDecoder
}

/**
 * One tty: the main process's (attach; shared by every attached client) or an exec instance's.
 * Its output is kept as segments (`atSec` from `base`): for attach those are the run's own, so
 * `logs` shows the session too.
 */
class Terminal {
  readonly sessions = new Set<Session>()
  /** Input that came while the container was paused; the process reads it on unpause. */
  pending = ''
  /** The process behind the terminal ended (an exec's command, or a client left an exec). */
  ended = false
  /** An exec command that ends by itself: when (epoch ms). */
  endsAt: number | null = null
  private stamp: number
  private readonly ld: LineDiscipline

  constructor(
    readonly container: ContainerRecord,
    readonly run: ProcessRun,
    readonly exec: ExecInstance | null,
    readonly segments: OutputSegment[],
    readonly base: number,
    now: number,
    makeProcess: (out: (text: string) => void, term: Terminal) => TtyProcess,
  ) {
    this.stamp = now
    const out = (text: string): void => this.write(text)
    this.ld = new LineDiscipline(out, makeProcess(out, this), () => !this.ended && this.run.endedAt === null)
  }

  /** Appends output at the current input's time (before a script's later, scheduled output). */
  write(text: string): void {
    if (!text) return
    const seg: OutputSegment = {atSec: (this.stamp - this.base) / 1000, text: onlcr(text), stream: 'stdout'}
    let i = this.segments.length
    while (i > 0 && this.segments[i - 1].atSec > seg.atSec) i--
    this.segments.splice(i, 0, seg)
  }

  /** The time of the input being processed (output is stamped with it). */
  get time(): number {
    return this.stamp
  }

  feed(input: string, now: number): void {
    this.stamp = now
    this.ld.input(input)
  }

  at(seg: OutputSegment): number {
    return this.base + Math.round(seg.atSec * 1000)
  }
}

/** A websockify-style error page (Python's `send_error`). */
function errorPage(res: ServerResponse | Duplex, status: number, message: string, method = 'GET'): void {
  const reasons: Record<number, [string, string]> = {
    400: ['Bad Request', 'Bad request syntax or unsupported method'],
    405: ['Method Not Allowed', 'Specified method is invalid for this resource'],
    501: ['Not Implemented', 'Server does not support this operation'],
  }
  const [reason, explain] = reasons[status]
  const body =
    '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n' +
    '        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n' +
    `        <p>Error code: ${status}</p>\n        <p>Message: ${message}.</p>\n` +
    `        <p>Error code explanation: ${status} - ${explain}.</p>\n    </body>\n</html>\n`
  const headers: Record<string, string> = {
    Server: SERVER,
    Date: new Date().toUTCString(),
    Connection: 'close',
    'Content-Type': 'text/html;charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  }
  if ('writeHead' in res) {
    res.writeHead(status, reason, headers)
    res.end(method === 'HEAD' ? undefined : body)
    return
  }
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')
  res.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`)
}

export class ZunWsProxy {
  private readonly wss: WebSocketServer
  private readonly sessions = new Map<WebSocket, Session>()
  /** Every open socket, sessions or not (refused ones, ones closing). */
  private readonly sockets = new Set<WebSocket>()
  private readonly attachTerms = new Map<ProcessRun, Terminal>()
  private readonly execTerms = new Map<ExecInstance, Terminal>()
  private chain: Promise<void> = Promise.resolve()
  private readonly log: (line: string) => void
  private readonly onError: (err: unknown) => void

  constructor(private readonly opts: ZunWsProxyOptions) {
    this.log = opts.log ?? ((line) => console.error(`zun-wsproxy: ${line}`))
    this.onError = opts.onError ?? ((err) => console.error('zun-wsproxy:', err))
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has('binary') ? 'binary' : false),
    })
    this.wss.on('headers', (headers) => headers.push(`Server: ${SERVER}`, `Date: ${new Date().toUTCString()}`))
  }

  /** Open websocket sessions. */
  get sessionCount(): number {
    return this.sessions.size
  }

  /** A plain HTTP request (no upgrade): websockify without a web root answers 405, or 501. */
  handleRequest(req: IncomingMessage, res: ServerResponse): void {
    req.resume()
    const method = req.method ?? 'GET'
    if (method === 'GET' || method === 'HEAD') errorPage(res, 405, 'Method Not Allowed', method)
    else errorPage(res, 501, `Unsupported method ('${method}')`)
  }

  /** An `upgrade` request: websockify's handshake checks, the 101, then the Zun checks. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {})
    const method = req.method ?? 'GET'
    if (method !== 'GET') return errorPage(socket, 501, `Unsupported method ('${method}')`)
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return errorPage(socket, 405, 'Method Not Allowed')
    const version = req.headers['sec-websocket-version']
    if (version === undefined) return errorPage(socket, 400, 'Missing Sec-WebSocket-Version header')
    if (!['7', '8', '13'].includes(version)) return errorPage(socket, 400, `Unsupported protocol version ${version}`)
    if (req.headers['sec-websocket-key'] === undefined) return errorPage(socket, 400, 'Missing Sec-WebSocket-Key header')
    const offered = req.headers['sec-websocket-protocol']
    if (offered !== undefined && !offered.split(',').map((p) => p.trim()).includes('binary')) {
      return errorPage(socket, 400, 'Invalid protocol selected')
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.sockets.add(ws)
      ws.on('error', () => {})
      ws.on('message', (data, isBinary) => void this.serial(() => this.onMessage(ws, data, isBinary)))
      ws.on('close', () => {
        this.sockets.delete(ws)
        void this.serial(() => this.detach(ws))
      })
      void this.serial(() => this.connect(ws, req))
    })
  }

  /**
   * Catches up with the clock: output that became due, input held while paused, and sessions
   * whose process ended (closed with 1000 "Target closed"). `startZunServer` calls it after every
   * API request.
   */
  sweep(): Promise<void> {
    if (!this.attachTerms.size && !this.execTerms.size) return Promise.resolve()
    return this.serial(async () => {
      const now = this.now()
      await this.tick(now)
      this.refreshAll(now)
    })
  }

  /** Drops every session (the proxy is going away). */
  closeAll(): void {
    for (const ws of this.sockets) ws.terminate()
    this.sockets.clear()
    this.sessions.clear()
    this.attachTerms.clear()
    this.execTerms.clear()
  }

  private now(): number {
    return this.opts.now().getTime()
  }

  /** Runs proxy work one piece at a time, in arrival order. */
  private serial(fn: () => Promise<void> | void): Promise<void> {
    const next = this.chain.then(fn).catch((err) => this.onError(err))
    this.chain = next
    return next
  }

  private tick(now: number): Promise<void> {
    return this.opts.state.tick(now, (c) => releaseContainer(this.opts.state, c))
  }

  private async connect(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const now = this.now()
    await this.tick(now)
    let term: Terminal
    try {
      term = this.target(req, now)
    } catch (err) {
      if (!(err instanceof Refusal)) throw err
      this.log(`handler exception: ${err.message}`)
      ws.terminate()
      return
    }
    if (ws.readyState !== ws.OPEN) {
      // The client left before the session started.
      if (term.exec) term.ended = true
      this.refresh(term, now)
      return
    }
    const session: Session = {ws, term, sent: new WeakSet(), decoder: new StringDecoder('utf8')}
    // Docker's attach has logs=0: what the terminal showed before is not replayed.
    for (const seg of term.segments) if (term.at(seg) <= now && !term.exec) session.sent.add(seg)
    term.sessions.add(session)
    this.sessions.set(ws, session)
    this.refresh(term, now)
  }

  /** websocketproxy.py `new_websocket_client`, then Docker's attach or exec_start. */
  private target(req: IncomingMessage, now: number): Terminal {
    // parse_qs: blank values are dropped, the last of repeated keys wins.
    const query = new URL(req.url ?? '/', 'http://wsproxy.invalid').searchParams
    const param = (name: string): string => query.getAll(name).filter(Boolean).pop() ?? ''
    const token = param('token')
    const ident = param('uuid')
    const execId = param('exec_id')
    const c = this.findContainer(ident)
    let exec: ExecInstance | null = null
    if (execId) {
      exec = [...c.execs.values()].find((e) => e.token === token && e.execId === execId) ?? null
      if (!exec) throw new Refusal('Websocket token is invalid')
    } else if (c.websocketToken === null || token !== c.websocketToken) {
      throw new Refusal('Websocket token is invalid')
    }
    this.verifyOrigin(req)
    const what = exec ? 'exec' : 'attach'
    if (c.status === Status.Paused) throw new Refusal(`Container ${c.dockerId} is paused, unpause the container before ${what}`)
    const run = c.runs[c.runs.length - 1]
    if (c.status !== Status.Running || !run || run.endedAt !== null) throw new Refusal(`Container ${c.dockerId} is not running`)
    if (!exec) return this.attachTerminal(c, run, now)
    if (exec.started) {
      throw new Refusal(`Error: Exec command ${exec.execId} ${this.execTerms.has(exec) ? 'is already running' : 'has already run'}`)
    }
    exec.started = true
    return this.execTerminal(c, run, exec, now)
  }

  /** `Container.get_by_uuid` / `get_by_name` with an all-projects admin context. */
  private findContainer(ident: string): ContainerRecord {
    const all = [...this.opts.state.containers.values()].filter((c) => !c.destroyed)
    if (isUuidLike(ident)) {
      const c = all.find((x) => x.uuid === ident.toLowerCase())
      if (c) return c
    } else {
      const named = all.filter((x) => x.name === ident)
      if (named.length === 1) return named[0]
      if (named.length > 1) throw new Refusal('Multiple containers exist with same name. Please use the container uuid instead.')
    }
    throw new Refusal(`Container ${ident} could not be found.`)
  }

  /** `_verify_origin`: no Origin is fine (not a browser); otherwise host and scheme must match. */
  private verifyOrigin(req: IncomingMessage): void {
    let expected = req.headers.host
    if (expected === undefined) throw new Refusal("argument of type 'NoneType' is not iterable")
    if (expected.includes(':')) {
      expected = expected.includes('[') && expected.includes(']') ? expected.split(']')[0].slice(1) : expected.split(':')[0]
    }
    const origin = req.headers.origin
    if (origin === undefined) return
    let url: URL
    try {
      url = new URL(origin)
    } catch {
      throw new Refusal('Origin header not valid.')
    }
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
    const forwarded = req.headers['x-forwarded-proto']
    const scheme = typeof forwarded === 'string' ? forwarded : url.protocol.replace(/:$/, '')
    if (!hostname || !scheme) throw new Refusal('Origin header not valid.')
    const allowed = [...(this.opts.allowedOrigins ?? []), expected].map((h) => h.toLowerCase())
    if (!allowed.includes(hostname.toLowerCase())) throw new Refusal('Origin header does not match this host.')
    const base = new URL(this.opts.state.config.wsProxyUrl).protocol.replace(/:$/, '')
    const protos = [base, ...(base === 'ws' ? ['http'] : base === 'wss' ? ['https'] : [])]
    if (!protos.includes(scheme)) throw new Refusal('Origin header protocol does not match this host.')
  }

  /** The main process's terminal, created on the first attach of this run and kept until it ends. */
  private attachTerminal(c: ContainerRecord, run: ProcessRun, now: number): Terminal {
    const existing = this.attachTerms.get(run)
    if (existing) return existing
    const argv = [...(c.entrypoint ?? []), ...(c.command ?? [])]
    const term = new Terminal(c, run, null, run.segments, run.startedAt, now, (out, t) => {
      if (!isInteractiveShell(argv)) return DEAF_PROCESS
      const env = {ctx: () => execContext(c), size: () => c.ttySize}
      // `exit` at the main shell ends the main process: the container stops.
      return EmulatedShell.forArgv(argv, env, out, (code) => exitMainProcess(c, t.time, code))
    })
    this.attachTerms.set(run, term)
    return term
  }

  /** An exec instance's terminal: its command starts now. */
  private execTerminal(c: ContainerRecord, run: ProcessRun, exec: ExecInstance, now: number): Terminal {
    let argv: string[]
    try {
      argv = shlexSplit(exec.command)
    } catch {
      argv = [exec.command]
    }
    const term = new Terminal(c, run, exec, [], now, now, (out, t) => {
      if (isInteractiveShell(argv) && argv.length) {
        const shell = EmulatedShell.forArgv(argv, {ctx: () => execContext(c), size: () => exec.ttySize}, out, () => (t.ended = true))
        shell.start()
        return shell
      }
      const result = runCommand(argv, execContext(c))
      if (!result.supported) {
        out(unsupportedMessage(argv))
        t.endsAt = now
        return DEAF_PROCESS
      }
      for (const seg of result.segments) t.segments.push({...seg})
      t.endsAt = Number.isFinite(result.durationSec) ? now + Math.round(result.durationSec * 1000) : null
      return DEAF_PROCESS
    })
    this.execTerms.set(exec, term)
    return term
  }

  private async onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const session = this.sessions.get(ws)
    if (!session) return
    if (!isBinary) {
      ws.close(1003, 'Unsupported: Text frames are not supported')
      this.detach(ws)
      return
    }
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
    session.term.pending += session.decoder.write(bytes)
    const now = this.now()
    await this.tick(now)
    this.refreshAll(now)
  }

  /** A client left: an attach leaves the process running; an exec's process gets a hangup. */
  private detach(ws: WebSocket): void {
    const session = this.sessions.get(ws)
    if (!session) return
    this.sessions.delete(ws)
    session.term.sessions.delete(session)
    if (session.term.exec) {
      session.term.ended = true
      this.execTerms.delete(session.term.exec)
    }
  }

  private refreshAll(now: number): void {
    for (const term of [...this.attachTerms.values(), ...this.execTerms.values()]) this.refresh(term, now)
  }

  private status(term: Terminal, now: number): 'running' | 'paused' | 'gone' {
    const c = this.opts.state.containers.get(term.container.uuid)
    if (!c || c !== term.container || c.destroyed || term.ended) return 'gone'
    if (term.run.endedAt !== null || c.runs[c.runs.length - 1] !== term.run) return 'gone'
    if (term.endsAt !== null && now >= term.endsAt) return 'gone'
    if (c.status === Status.Paused) return 'paused'
    return c.status === Status.Running ? 'running' : 'gone'
  }

  /** Gives held input to a running process, sends due output, closes the sessions of an ended one. */
  private refresh(term: Terminal, now: number): void {
    if (term.pending && this.status(term, now) === 'running') {
      const input = term.pending
      term.pending = ''
      term.feed(input, now)
    }
    const limit = Math.min(now, term.run.endedAt ?? Infinity, term.endsAt ?? Infinity)
    for (const s of term.sessions) {
      let text = ''
      for (const seg of term.segments) {
        if (s.sent.has(seg) || term.at(seg) > limit) continue
        s.sent.add(seg)
        text += seg.text
      }
      if (text && s.ws.readyState === s.ws.OPEN) s.ws.send(Buffer.from(onlcr(text)), {binary: true})
    }
    if (this.status(term, now) !== 'gone') return
    for (const s of term.sessions) {
      s.ws.close(1000, 'Target closed')
      this.sessions.delete(s.ws)
    }
    term.sessions.clear()
    if (term.exec) {
      term.ended = true
      this.execTerms.delete(term.exec)
    } else {
      this.attachTerms.delete(term.run)
    }
  }
}
