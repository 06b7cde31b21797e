/**
 * A loopback fake HTTP server in gophercloud's `testhelper` style: each test registers only the
 * requests it expects, every route asserts method, path, query, `X-Auth-Token` and the JSON
 * body, and anything else is recorded as a problem that `verify()` turns into a test failure
 * (the client also gets a 500, so it cannot quietly carry on).
 */
import http, {type IncomingHttpHeaders} from 'node:http'
import https from 'node:https'
import {type AddressInfo} from 'node:net'
import {isDeepStrictEqual} from 'node:util'

export interface FakeReply {
  status?: number
  headers?: Record<string, string>
  /** Sent as `application/json`. */
  json?: unknown
  /** Sent as is (`text` wins over `json`). */
  text?: string
  contentType?: string
  /** Answer only after this long (a slow region). The reply is dropped if the client gave up. */
  delayMs?: number
  /**
   * A fault after the headers: `stall` sends the headers and the first half of the body, then
   * nothing more until the client gives up; `close` sends the same and then destroys the socket.
   */
  fault?: 'stall' | 'close'
  /** Never answer at all (not even headers) until the client gives up. */
  hang?: boolean
}

export interface FakeServerOptions {
  /** Serve https with this key and certificate (PEM). */
  tls?: {key: string | Buffer; cert: string | Buffer}
}

export interface ReceivedRequest {
  method: string
  path: string
  query: Record<string, string | string[]>
  headers: IncomingHttpHeaders
  text: string
  /** The parsed body when it is JSON. */
  json?: unknown
}

export interface RouteSpec {
  method: string
  /** The exact path, without the query string. */
  path: string
  /** The exact query; every key must be given (default: no query at all). */
  query?: Record<string, string | string[]>
  /** The X-Auth-Token the request must carry; null when it must carry none. */
  token: string | null
  /** The JSON body the request must carry (deep equality); leave out for "no body". */
  json?: unknown
  /** Other headers that must be present with these values (names in lower case). */
  headers?: Record<string, string>
  /** One reply per expected call, in order; or one reply (or a function) used `times` times. */
  reply: FakeReply | FakeReply[] | ((req: ReceivedRequest) => FakeReply | Promise<FakeReply>)
  /** How many calls are expected exactly (default: the number of replies given, else 1). */
  times?: number
}

interface Route {
  spec: RouteSpec
  times: number
  calls: ReceivedRequest[]
}

export class FakeServer {
  readonly problems: string[] = []
  /** Every request received, matched or not, in arrival order. */
  readonly received: ReceivedRequest[] = []
  private readonly routes: Route[] = []
  private readonly server: http.Server
  private port = 0

  private constructor(readonly name: string, private readonly options: FakeServerOptions) {
    const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        this.problems.push(`${this.name}: handler crashed: ${(error as Error).stack ?? String(error)}`)
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end()
      })
    }
    this.server = options.tls ? https.createServer({key: options.tls.key, cert: options.tls.cert}, onRequest) : http.createServer(onRequest)
    // A client that refuses the certificate ends the handshake: not a problem of the server's.
    this.server.on('tlsClientError', () => undefined)
  }

  static async start(name = 'fake', options: FakeServerOptions = {}): Promise<FakeServer> {
    const s = new FakeServer(name, options)
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject)
      s.server.listen(0, '127.0.0.1', () => resolve())
    })
    s.port = (s.server.address() as AddressInfo).port
    return s
  }

  /** `http://127.0.0.1:<port>` (`https://` with TLS; no trailing slash). */
  get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`
  }

  /** Expects a request; routes with the same method and path are used up in registration order. */
  on(spec: RouteSpec): this {
    const times = spec.times ?? (Array.isArray(spec.reply) ? spec.reply.length : 1)
    if (Array.isArray(spec.reply) && spec.reply.length !== times) {
      throw new Error(`route ${spec.method} ${spec.path}: ${spec.reply.length} replies for ${times} calls`)
    }
    this.routes.push({spec, times, calls: []})
    return this
  }

  /** The calls a route received, by method and path (every route registered for it). */
  calls(method: string, path: string): ReceivedRequest[] {
    return this.received.filter((r) => r.method === method && r.path === path)
  }

  /** Throws when a request was unexpected or wrong, or a route was called a wrong number of times. */
  verify(): void {
    const problems = [...this.problems]
    for (const r of this.routes) {
      if (r.calls.length !== r.times) {
        problems.push(`${this.name}: ${r.spec.method} ${r.spec.path} was called ${r.calls.length} time(s), expected ${r.times}`)
      }
    }
    if (problems.length) throw new Error(problems.join('\n'))
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const u = new URL(req.url ?? '/', 'http://fake')
    const query: Record<string, string | string[]> = {}
    for (const k of new Set(u.searchParams.keys())) {
      const all = u.searchParams.getAll(k)
      query[k] = all.length === 1 ? all[0] : all
    }
    let json: unknown
    if (text) {
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
    }
    const got: ReceivedRequest = {method: req.method ?? '', path: u.pathname, query, headers: req.headers, text, json}
    this.received.push(got)

    const candidates = this.routes.filter((r) => r.spec.method === got.method && r.spec.path === got.path)
    const route = candidates.find((r) => r.calls.length < r.times) ?? candidates.at(-1)
    if (!route) return this.fail(res, `unexpected request ${got.method} ${u.pathname}${u.search}`)
    const index = route.calls.length
    route.calls.push(got)
    if (index >= route.times) return this.fail(res, `${got.method} ${got.path} called more than ${route.times} time(s)`)

    const wrong = checkRequest(route.spec, got)
    if (wrong.length) return this.fail(res, `${got.method} ${got.path} (call ${index + 1}): ${wrong.join('; ')}`)

    const spec = route.spec.reply
    const reply = typeof spec === 'function' ? await spec(got) : Array.isArray(spec) ? spec[index] : spec
    if (reply.delayMs || reply.hang) {
      await new Promise<void>((resolve) => {
        const t = reply.hang ? undefined : setTimeout(resolve, reply.delayMs)
        res.once('close', () => {
          clearTimeout(t)
          resolve()
        })
      })
      if (res.destroyed || res.writableEnded) return
    }
    const body = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json))
    const contentType = reply.contentType ?? (reply.text === undefined && reply.json !== undefined ? 'application/json' : 'text/plain')
    res.writeHead(reply.status ?? 200, {
      ...(body ? {'Content-Type': contentType} : {}),
      'Content-Length': String(Buffer.byteLength(body)),
      ...reply.headers,
    })
    if (!reply.fault) {
      res.end(body)
      return
    }
    const bytes = Buffer.from(body)
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)))
    if (reply.fault === 'close') {
      // a server that dies mid-body: the client has the headers and part of the body by then
      await new Promise<void>((resolve) => setTimeout(resolve, 50))
      res.destroy()
      return
    }
    await new Promise<void>((resolve) => res.once('close', () => resolve()))
  }

  private fail(res: http.ServerResponse, problem: string): void {
    this.problems.push(`${this.name}: ${problem}`)
    const body = JSON.stringify({error: {code: 500, message: `fake server: ${problem}`}})
    res.writeHead(500, {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body))})
    res.end(body)
  }
}

function checkRequest(spec: RouteSpec, got: ReceivedRequest): string[] {
  const wrong: string[] = []
  const wantQuery = spec.query ?? {}
  if (!isDeepStrictEqual(got.query, wantQuery)) wrong.push(`query ${JSON.stringify(got.query)}, expected ${JSON.stringify(wantQuery)}`)
  const token = got.headers['x-auth-token']
  if (spec.token === null) {
    if (token !== undefined) wrong.push(`X-Auth-Token sent (${String(token).slice(0, 8)}…) where none was expected`)
  } else if (token !== spec.token) {
    wrong.push(`X-Auth-Token ${token === undefined ? 'missing' : `"${String(token)}"`}, expected "${spec.token}"`)
  }
  if (spec.json === undefined) {
    if (got.text) wrong.push(`unexpected body ${got.text.slice(0, 200)}`)
  } else {
    const ct = String(got.headers['content-type'] ?? '')
    if (!ct.startsWith('application/json')) wrong.push(`Content-Type "${ct}", expected application/json`)
    if (got.json === undefined) wrong.push(`body is not JSON: ${got.text.slice(0, 200)}`)
    else if (!isDeepStrictEqual(got.json, spec.json)) {
      wrong.push(`body ${JSON.stringify(got.json)}, expected ${JSON.stringify(spec.json)}`)
    }
  }
  for (const [k, v] of Object.entries(spec.headers ?? {})) {
    if (got.headers[k] !== v) wrong.push(`header ${k}: ${JSON.stringify(got.headers[k])}, expected ${JSON.stringify(v)}`)
  }
  return wrong
}

/**
 * Starts fake servers for one test file and verifies and closes them after each test:
 * `const fakes = fakeServerPool(); afterEach(() => fakes.verifyAndClose()); … const neutron = await fakes.start('neutron')`.
 */
export function fakeServerPool(): {start(name?: string, options?: FakeServerOptions): Promise<FakeServer>; verifyAndClose(): Promise<void>} {
  let open: FakeServer[] = []
  return {
    async start(name?: string, options?: FakeServerOptions) {
      const s = await FakeServer.start(name, options)
      open.push(s)
      return s
    },
    async verifyAndClose() {
      const servers = open
      open = []
      await Promise.all(servers.map((s) => s.close()))
      const errors: string[] = []
      for (const s of servers) {
        try {
          s.verify()
        } catch (error) {
          errors.push((error as Error).message)
        }
      }
      if (errors.length) throw new Error(errors.join('\n'))
    },
  }
}
