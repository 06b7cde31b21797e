import {randomUUID} from 'node:crypto'
import http, {type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

import type {TokenValidator} from '../common/auth.js'
import {type Reply, reply, Router, sendReply} from '../common/router.js'
import type {Caller, Ctx} from './context.js'
import {
  abort,
  crash,
  sendError,
  sendKeystoneUnauthorized,
  sendKeystoneUnavailable,
  TricircleError,
} from './errors.js'
import {createJob, deleteJob, getJob, listJobs, redoJob} from './jobs.js'
import {createPod, deletePod, listPods, showPod} from './pods.js'
import {createRouting, deleteRouting, listRoutings, showRouting, updateRouting} from './routings.js'
import {DEFAULT_JOB_STEPS, DEFAULT_PAGINATION_MAX_LIMIT, type JobSteps, TricircleState} from './state.js'

export interface TricircleAppOptions {
  /** Validates X-Auth-Token, as keystonemiddleware's auth_token does in front of the real server. */
  auth: TokenValidator
  /** When jobs read as RUNNING and SUCCESS, measured from creation. Default 200 ms / 500 ms. */
  jobSteps?: JobSteps
  /** The clock; job states are computed from it on every read. */
  now?: () => Date
  /** `[DEFAULT] pagination_max_limit`. Default 2000. */
  paginationMaxLimit?: number
  /** The `uri` in the 401's `WWW-Authenticate: Keystone uri="…"`. Default `http://127.0.0.1:5000`. */
  authUri?: string
}

export interface TricircleApp {
  handle(req: IncomingMessage, res: ServerResponse): void
  state: TricircleState
}

const COLLECTION_WITH_TRAILING_SLASH = /^\/v1\.0\/(?:pods|routings|jobs)\/$/

/** The `Allow` header pecan's RestController sends with a 405. The root controllers send none. */
function allowFor(path: string): Record<string, string> {
  if (/^\/v1\.0\/pods(?:\/|$)/.test(path)) return {Allow: 'DELETE, GET, POST'}
  if (/^\/v1\.0\/(?:routings|jobs)(?:\/|$)/.test(path)) return {Allow: 'DELETE, GET, POST, PUT'}
  return {}
}

function baseUrl(req: IncomingMessage): string {
  const host = req.headers.host ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? ''}`
  return `http://${host}`
}

function versions(ctx: Ctx): Reply {
  const base = baseUrl(ctx.req)
  return reply(200, {
    versions: [{status: 'CURRENT', links: [{rel: 'self', href: `${base}/v1.0/`}], id: 'v1.0', updated: '2015-09-09'}],
  })
}

function v1(ctx: Ctx): Reply {
  const base = `${baseUrl(ctx.req)}/v1.0`
  return reply(200, {
    version: '1.0',
    links: [
      {rel: 'self', href: base},
      {rel: 'jobs', href: `${base}/jobs`},
      {rel: 'pods', href: `${base}/pods`},
      {rel: 'routings', href: `${base}/routings`},
    ],
  })
}

/** Splits the request target; leading `//` collapses, `.json` is dropped, `/v1.0//x` stays unmatched (404). */
function parseTarget(target: string): {path: string; query: URLSearchParams} {
  const q = target.indexOf('?')
  let path = (q < 0 ? target : target.slice(0, q)).replace(/^\/+/, '/')
  if (path === '') path = '/'
  if (path.endsWith('.json')) path = path.slice(0, -'.json'.length) || '/'
  return {path, query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1))}
}

export function createTricircleApp(opts: TricircleAppOptions): TricircleApp {
  const state = new TricircleState({
    now: opts.now ?? (() => new Date()),
    jobSteps: opts.jobSteps ?? DEFAULT_JOB_STEPS,
    paginationMaxLimit: opts.paginationMaxLimit ?? DEFAULT_PAGINATION_MAX_LIMIT,
  })
  const authUri = opts.authUri ?? 'http://127.0.0.1:5000'
  const router = new Router<Ctx>()
    .on('GET', '/', versions)
    .on('GET', '/v1.0', v1)
    .on('GET', '/v1.0/pods', listPods)
    .on('POST', '/v1.0/pods', createPod)
    .on('GET', '/v1.0/pods/:id', showPod)
    .on('DELETE', '/v1.0/pods/:id', deletePod)
    .on('GET', '/v1.0/routings', listRoutings)
    .on('POST', '/v1.0/routings', createRouting)
    .on('GET', '/v1.0/routings/:id', showRouting)
    .on('PUT', '/v1.0/routings/:id', updateRouting)
    .on('DELETE', '/v1.0/routings/:id', deleteRouting)
    .on('GET', '/v1.0/jobs', listJobs)
    .on('POST', '/v1.0/jobs', createJob)
    .on('GET', '/v1.0/jobs/:id', getJob)
    .on('PUT', '/v1.0/jobs/:id', redoJob)
    .on('DELETE', '/v1.0/jobs/:id', deleteJob)

  async function dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // keystonemiddleware sits in front of everything, `/` included, and in front of the request-id
    // middleware: its 401 and 503 carry no X-Openstack-Request-Id.
    const token = req.headers['x-auth-token']
    let info
    try {
      info = typeof token === 'string' && token !== '' ? await opts.auth.validate(token) : undefined
    } catch {
      sendKeystoneUnavailable(res)
      return
    }
    if (!info) {
      sendKeystoneUnauthorized(res, authUri)
      return
    }
    const caller: Caller = {
      admin: info.roles.some((r) => r.toLowerCase() === 'admin'),
      projectId: info.projectId,
      token: info,
    }
    res.setHeader('X-Openstack-Request-Id', `req-${randomUUID()}`)

    const {path, query} = parseTarget(req.url ?? '/')
    if (COLLECTION_WITH_TRAILING_SLASH.test(path)) throw crash('trailing slash on a collection')
    if (path.endsWith('/') && path !== '/' && path !== '/v1.0/') throw abort(404)
    const method = (req.method ?? 'GET').toUpperCase()
    const match = router.match(method, path)
    if ('status' in match) throw match.status === 404 ? abort(404) : abort(405, '', allowFor(path))
    sendReply(res, await match.handler({req, res, params: match.params, query, path, caller, state}))
  }

  return {
    state,
    handle(req, res) {
      dispatch(req, res).catch((e: unknown) => {
        if (res.headersSent) {
          res.destroy()
          return
        }
        // Anything unexpected is an unhandled exception on the real server too: shape D.
        const err = e instanceof TricircleError ? e : crash(String(e))
        // keystonemiddleware marks every 401 passing back through it, Tricircle's own ("Unauthorized to …") too.
        if (err.status === 401) res.setHeader('WWW-Authenticate', `Keystone uri="${authUri}"`)
        sendError(req, res, err)
      })
    },
  }
}

export interface TricircleServerOptions extends TricircleAppOptions {
  host: string
  port: number
}

export interface RunningTricircleServer {
  server: http.Server
  /** `http://host:port`, with the port actually bound. */
  url: string
  /** `url` + `/v1.0`, what a Keystone catalog entry for the `tricircle` service holds. */
  endpoint: string
  state: TricircleState
  close(): Promise<void>
}

export async function startTricircleServer(opts: TricircleServerOptions): Promise<RunningTricircleServer> {
  const app = createTricircleApp(opts)
  const server = http.createServer((req, res) => app.handle(req, res))
  const where = `${opts.host}:${opts.port}`
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? 'the address is already in use' : e.message
      reject(new Error(`The Tricircle emulator cannot listen on ${where}: ${why}`, {cause: e}))
    }
    server.once('error', onError)
    server.listen(opts.port, opts.host, () => {
      server.off('error', onError)
      resolve()
    })
  })
  const {port} = server.address() as AddressInfo
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  const url = `http://${host}:${port}`
  return {
    server,
    url,
    endpoint: `${url}/v1.0`,
    state: app.state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}
