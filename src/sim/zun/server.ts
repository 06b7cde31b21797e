import {randomUUID} from 'node:crypto'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import os from 'node:os'

import type {GlanceBackend} from '../backends/glance.js'
import type {NeutronBackend} from '../backends/neutron.js'
import type {TokenInfo, TokenValidator} from '../common/auth.js'
import {sendReply} from '../common/router.js'
import {Api, type Reply, type ZunCtx} from './api.js'
import {registerCapsuleRoutes} from './responses/capsules.js'
import {registerContainerActionRoutes} from './responses/container-actions.js'
import {registerContainerRoutes} from './responses/containers.js'
import {errors, serverError, webobError, ZunCrash, ZunError} from './errors.js'
import {registerHostRoutes} from './responses/hosts.js'
import {registerImageRoutes} from './responses/images.js'
import {toPythonJson} from '../common/python.js'
import {MAX_VERSION, MIN_VERSION, type OutOfRangeMode, parseVersionHeader, versionHeaders} from './microversion.js'
import {releaseContainer} from './backend/networking.js'
import {registerNetworkRoutes} from './responses/networks.js'
import {registerQuotaRoutes} from './responses/quotas.js'
import {registerRegistryRoutes} from './responses/registries.js'
import {registerServiceRoutes} from './responses/services.js'
import {ZunState} from './backend/state.js'
import {DEFAULT_TRANSITIONS, type Transitions} from './backend/status-machine.js'
import {rootDocument, v1Document} from './versions.js'
import {ZunWsProxy} from './wsproxy.js'

export interface ZunAppOptions {
  /** Validates `X-Auth-Token` (a real Keystone, or a static table in tests). */
  auth: TokenValidator
  /** The Neutron the containers' Kuryr ports are made in (Tricircle: the central Neutron). */
  neutron: NeutronBackend
  /** This region's Glance, for `image_driver=glance` and `commit`. */
  glance: GlanceBackend
  region: string
  /**
   * The host this API is served on (`startZunServer` listens there); used for the default
   * websocket proxy URL. Links and `Location` follow the request's `Host` header.
   */
  host?: string
  /** The emulated zun-compute node's name (`host` of containers, `/v1/hosts`); default os.hostname(). */
  computeHost?: string
  /** Availability zone of the compute service (default `nova`). */
  availabilityZone?: string
  /** The injected clock: every status transition is computed from it. */
  now?: () => Date
  /** Milliseconds each compute-side operation takes (see status-machine.ts). */
  transitions?: Partial<Transitions>
  /**
   * `[websocket_proxy] base_url` for attach/exec URLs. `startZunServer` defaults it to where its
   * websocket proxy listens; a bare `createZunApp` to `ws://<host>:6784/` (zun's default port).
   */
  wsProxyUrl?: string
  /** The Keystone URI put in `WWW-Authenticate` on a 401. */
  keystoneUri?: string
  /** How an unsupported microversion (1.41) is answered; default the real Zed server's 500. */
  outOfRangeVersion?: OutOfRangeMode
  /** Called with unexpected errors (default: written to stderr). */
  onError?: (err: unknown) => void
}

export interface ZunApp {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>
  readonly state: ZunState
}

/** The Zun API v1 emulator as a request handler. */
export function createZunApp(opts: ZunAppOptions): ZunApp {
  const now = opts.now ?? (() => new Date())
  const transitions: Transitions = {...DEFAULT_TRANSITIONS, ...opts.transitions}
  const computeHost = opts.computeHost ?? os.hostname()
  const state = new ZunState(
    {
      region: opts.region,
      host: computeHost,
      availabilityZone: opts.availabilityZone ?? 'nova',
      wsProxyUrl: opts.wsProxyUrl ?? `ws://${opts.host ?? '127.0.0.1'}:6784/`,
      keystoneUri: opts.keystoneUri ?? 'http://127.0.0.1:5000',
      outOfRange: opts.outOfRangeVersion ?? 'zed-500',
      transitions,
      lifecycle: {transitions, host: computeHost},
    },
    opts.neutron,
    opts.glance,
    now().getTime(),
  )
  const api = new Api()
  registerContainerRoutes(api, state)
  registerContainerActionRoutes(api, state)
  registerImageRoutes(api, state)
  registerHostRoutes(api, state)
  registerServiceRoutes(api, state)
  registerQuotaRoutes(api, state)
  registerRegistryRoutes(api, state)
  registerNetworkRoutes(api, state)
  registerCapsuleRoutes(api, state)
  const onError = opts.onError ?? ((err: unknown) => console.error('zun emulator:', err))

  /**
   * The server's pipeline, in its order: request id, keystonemiddleware (everything but `/` and
   * `/v1` needs a token, unknown paths included), the root and `/v1` documents, version
   * negotiation, routing, the handler. Answers that pecan makes while routing (404, 405, an API
   * outside its version window) lose the version headers; a crash (an exception nothing caught)
   * is a bare 500 that even the request id middleware never saw.
   */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req-${randomUUID()}`
    const base: Record<string, string> = {'X-OpenStack-Request-Id': requestId}
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void =>
      sendReply(res, {status, body, headers: {...base, ...headers}}, toPythonJson)
    const sendError = (err: ZunError, headers: Record<string, string> = {}): void => send(err.status, err.body(), {...headers, ...err.headers})
    const crash = (): void => {
      req.resume()
      res.writeHead(500, {'Content-Type': 'text/plain; charset=UTF-8', 'Content-Length': '0'})
      res.end()
    }
    try {
      const url = new URL(req.url ?? '/', 'http://zun.invalid')
      // Tempest sends `/containers//<id>`: collapse slashes; a trailing slash is optional.
      const path = url.pathname.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1')
      const hostUrl = `http://${req.headers.host ?? `${opts.host ?? '127.0.0.1'}`}`
      const method = req.method ?? 'GET'

      // keystonemiddleware runs before the API: only `/` and `/v1` are public.
      let token: TokenInfo | undefined
      if (path !== '/' && path !== '/v1') {
        const raw = req.headers['x-auth-token']
        const value = Array.isArray(raw) ? raw[0] : raw
        try {
          token = value ? await opts.auth.validate(value) : undefined
        } catch (err) {
          onError(err)
          req.resume()
          return send(503, {error: {code: 503, title: 'Service Unavailable', message: 'The server is currently unavailable. Please try again at a later time.'}})
        }
        if (!token) {
          req.resume()
          return send(
            401,
            {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}},
            {'WWW-Authenticate': `Keystone uri="${state.config.keystoneUri}"`},
          )
        }
      }

      if (path === '/') {
        req.resume()
        if (method !== 'GET' && method !== 'HEAD') return sendError(errors.methodNotAllowed(method))
        return send(200, rootDocument(hostUrl))
      }
      if (path !== '/v1' && !path.startsWith('/v1/')) {
        req.resume()
        return sendError(errors.routeNotFound())
      }

      const parsed = parseVersionHeader(req.headers['openstack-api-version'])
      if (!parsed.ok) {
        req.resume()
        // Zed's out-of-range check fails while building its 406: an unhandled error, not an answer.
        if (parsed.kind === 'unsupported' && state.config.outOfRange === 'zed-500') return crash()
        const err =
          parsed.kind === 'unsupported'
            ? webobError(406, 'Requested microversion is unsupported', parsed.detail)
            : webobError(406, 'Not Acceptable', parsed.detail)
        const headers: Record<string, string> =
          parsed.kind === 'unsupported'
            ? {
                'OpenStack-API-Minimum-Version': `container ${MIN_VERSION.major}.${MIN_VERSION.minor}`,
                'OpenStack-API-Maximum-Version': `container ${MAX_VERSION.major}.${MAX_VERSION.minor}`,
                Vary: 'OpenStack-API-Version',
              }
            : {}
        return sendError(err, headers)
      }
      const vHeaders = versionHeaders(parsed.version)
      if (path === '/v1') {
        req.resume()
        return send(200, v1Document(hostUrl), vHeaders)
      }

      const nowMs = now().getTime()
      await state.tick(nowMs, (c) => releaseContainer(state, c))
      const tokenInfo = token as TokenInfo
      const ctx: ZunCtx = {
        req,
        res,
        method,
        params: {},
        query: url.searchParams,
        version: parsed.version,
        caller: {userId: tokenInfo.userId, projectId: tokenInfo.projectId, isAdmin: tokenInfo.isAdmin},
        token: tokenInfo,
        requestId,
        hostUrl,
        now: nowMs,
      }
      const route = api.route404or405(ctx, path.slice(3) || '/')
      if (route) {
        req.resume()
        return sendError(route)
      }
      let out: Reply
      try {
        out = await api.dispatch(ctx, path.slice(3) || '/')
      } catch (err) {
        req.resume()
        if (err instanceof ZunCrash) return crash()
        if (err instanceof ZunError) return sendError(err, vHeaders)
        onError(err)
        return sendError(serverError(), vHeaders)
      }
      return send(out.status, out.body, {...vHeaders, ...out.headers})
    } catch (err) {
      onError(err)
      if (!res.headersSent) sendError(serverError())
      else res.destroy()
    }
  }

  return {handle, state}
}

export interface ZunServerOptions extends ZunAppOptions {
  host: string
  port: number
  /**
   * Where the websocket proxy (zun-wsproxy, wsproxy.ts) listens: default the API's `host`, and
   * port 0 (a free port, so several emulators never clash; the real service uses 6784). The
   * attach/exec URLs point there unless `wsProxyUrl` says otherwise (a proxy in front).
   */
  wsHost?: string
  wsPort?: number
  /** `[websocket_proxy] allowed_origins`: Origin hosts accepted besides the Host header's. */
  wsAllowedOrigins?: string[]
  /** The websocket proxy's log (refused connections); default stderr. */
  wsLog?: (line: string) => void
}

export interface RunningZunServer {
  server: http.Server
  /** `http://host:port` (the server root, where version discovery is). */
  url: string
  /** `http://host:port/v1`, as the catalog lists Zun. */
  endpoint: string
  state: ZunState
  /** The websocket proxy's server, and `ws://host:port/` where it listens. */
  wsServer: http.Server
  wsUrl: string
  wsProxy: ZunWsProxy
  close(): Promise<void>
}

function listen(server: http.Server, host: string, port: number, what: string): Promise<void> {
  const where = `${host}:${port}`
  return new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      const why = e.code === 'EADDRINUSE' ? 'the address is already in use' : e.message
      reject(new Error(`The Zun ${what} cannot listen on ${where}: ${why}`, {cause: e}))
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (!server.listening) return resolve()
    server.close((err) => (err ? reject(err) : resolve()))
    server.closeAllConnections()
  })
}

function hostPort(server: http.Server, host: string): string {
  const {port} = server.address() as AddressInfo
  return `${host.includes(':') ? `[${host}]` : host}:${port}`
}

/**
 * Starts the emulator and its websocket proxy (on its own port); port 0 picks a free port. A busy
 * port rejects with an error naming host:port.
 */
export async function startZunServer(opts: ZunServerOptions): Promise<RunningZunServer> {
  let proxy: ZunWsProxy | undefined
  const wsServer = http.createServer((req, res) => proxy?.handleRequest(req, res))
  wsServer.on('upgrade', (req, socket, head) => {
    if (proxy) proxy.handleUpgrade(req, socket, head)
    else socket.destroy()
  })
  const wsHost = opts.wsHost ?? opts.host
  await listen(wsServer, wsHost, opts.wsPort ?? 0, 'websocket proxy')
  const wsUrl = `ws://${hostPort(wsServer, wsHost)}/`
  const app = createZunApp({...opts, wsProxyUrl: opts.wsProxyUrl ?? wsUrl})
  const now = opts.now ?? (() => new Date())
  proxy = new ZunWsProxy({state: app.state, now, allowedOrigins: opts.wsAllowedOrigins, log: opts.wsLog, onError: opts.onError})
  const wsProxy = proxy
  const server = http.createServer((req, res) => {
    // The proxy catches up after each request (a stop, a delete, the clock moving on).
    void app.handle(req, res).then(() => wsProxy.sweep())
  })
  try {
    await listen(server, opts.host, opts.port, 'emulator')
  } catch (err) {
    await closeServer(wsServer)
    throw err
  }
  const url = `http://${hostPort(server, opts.host)}`
  return {
    server,
    url,
    endpoint: `${url}/v1`,
    state: app.state,
    wsServer,
    wsUrl,
    wsProxy,
    close: async () => {
      wsProxy.closeAll()
      await Promise.all([closeServer(server), closeServer(wsServer)])
    },
  }
}
