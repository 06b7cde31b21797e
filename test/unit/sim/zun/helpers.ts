import http from 'node:http'

import {InMemoryGlanceBackend} from '../../../../src/sim/backends/glance-memory.js'
import {InMemoryNeutronBackend} from '../../../../src/sim/backends/neutron-memory.js'
import {StaticTokenValidator, type TokenInfo} from '../../../../src/sim/common/auth.js'
import {type RunningZunServer, startZunServer, type ZunServerOptions} from '../../../../src/sim/zun/index.js'

export const T0 = Date.parse('2026-11-23T05:26:43.008Z')

function token(userId: string, projectId: string, admin: boolean): TokenInfo {
  return {
    userId,
    userName: userId,
    projectId,
    projectName: projectId,
    roles: admin ? ['admin', 'member'] : ['member'],
    isAdmin: admin,
    expiresAt: '2099-01-01T00:00:00Z',
  }
}

/** `admin` (project `admin`), `demo` and `alt` (projects `demo`, `alt`, members). */
export const TOKENS = {
  admin: token('u-admin', 'admin', true),
  demo: token('u-demo', 'demo', false),
  alt: token('u-alt', 'alt', false),
}

export interface CallOpts {
  token?: keyof typeof TOKENS | null
  /** The microversion; `null` sends no header. Default 1.40. */
  version?: string | null
  body?: unknown
  /** A raw body (sent as is). */
  raw?: string
  headers?: Record<string, string>
}

export interface CallResult {
  status: number
  headers: Headers
  text: string
  json: any
}

export interface Harness {
  server: RunningZunServer
  neutron: InMemoryNeutronBackend
  glance: InMemoryGlanceBackend
  /** The injected clock (epoch ms); move it with `advance`. */
  clock: {now: number}
  advance(ms: number): void
  /** Errors the server did not expect (it answered 500); tests assert there are none. */
  unexpected: unknown[]
  call(method: string, path: string, opts?: CallOpts): Promise<CallResult>
  /** A container created through the API, then brought to `Created`/`Running`. */
  container(body: Record<string, unknown>, opts?: {run?: boolean; token?: keyof typeof TOKENS}): Promise<any>
  close(): Promise<void>
}

/** Request bodies as OSC sends them (§3.1): the always-present keys plus `extra`. */
export function oscBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {image: 'cirros', environment: {}, labels: {}, auto_remove: false, command: [], hints: {}, nets: [], mounts: [], ...extra}
}

export const TRANSITIONS = {
  create: 3000,
  start: 1000,
  stop: 1000,
  kill: 500,
  pause: 500,
  unpause: 500,
  reboot: 2000,
  rebuild: 3000,
  delete: 1000,
  commit: 2000,
  capsuleCreate: 4000,
  capsuleDelete: 1000,
}

/** Long enough for any single transition above to finish. */
export const SETTLE = 10_000

export async function startHarness(extra: Partial<ZunServerOptions> = {}, seed = true): Promise<Harness> {
  const neutron = new InMemoryNeutronBackend()
  const glance = new InMemoryGlanceBackend()
  if (seed) {
    neutron.addNetwork({name: 'private', project_id: 'demo', cidr: '10.0.60.0/24', created_at: '2024-01-01T00:00:10Z'})
    neutron.addNetwork({name: 'admin-net', project_id: 'admin', cidr: '10.0.70.0/24', created_at: '2024-01-01T00:00:20Z'})
    neutron.addNetwork({name: 'shared-net', project_id: 'admin', shared: true, cidr: '10.0.80.0/24', created_at: '2024-01-01T00:00:05Z'})
  }
  const clock = {now: T0}
  const unexpected: unknown[] = []
  const server = await startZunServer({
    auth: new StaticTokenValidator({admin: TOKENS.admin, demo: TOKENS.demo, alt: TOKENS.alt}),
    neutron,
    glance,
    region: 'RegionOne',
    host: '127.0.0.1',
    port: 0,
    computeHost: 'node1',
    now: () => new Date(clock.now),
    transitions: TRANSITIONS,
    onError: (err) => unexpected.push(err),
    ...extra,
  })
  const call = async (method: string, path: string, o: CallOpts = {}): Promise<CallResult> => {
    const headers: Record<string, string> = {Accept: 'application/json'}
    const tok = o.token === undefined ? 'demo' : o.token
    if (tok) headers['X-Auth-Token'] = tok
    const version = o.version === undefined ? '1.40' : o.version
    if (version !== null) headers['OpenStack-API-Version'] = `container ${version}`
    let body: string | undefined
    if (o.raw !== undefined) body = o.raw
    else if (o.body !== undefined) body = JSON.stringify(o.body)
    if (body !== undefined || ['POST', 'PUT', 'PATCH'].includes(method)) headers['Content-Type'] = 'application/json'
    Object.assign(headers, o.headers)
    const res = await rawRequest(server.url + path, method, headers, body)
    let json: unknown
    if ((res.headers.get('content-type') ?? '').includes('json') && res.text) json = JSON.parse(res.text)
    return {...res, json}
  }
  const advance = (ms: number): void => {
    clock.now += ms
  }
  return {
    server,
    neutron,
    glance,
    clock,
    advance,
    unexpected,
    call,
    async container(body, opts = {}) {
      const r = await call('POST', `/v1/containers${opts.run ? '?run=true' : ''}`, {body: oscBody(body), token: opts.token})
      if (r.status !== 202) throw new Error(`create failed: ${r.status} ${r.text}`)
      advance(SETTLE)
      return (await call('GET', `/v1/containers/${r.json.uuid}`, {token: opts.token ?? 'admin'})).json
    },
    close: () => server.close(),
  }
}

/** The `errors[0]` of a Zun error body. */
export function firstError(r: CallResult): {code: string; status: number; title: string; detail: string} {
  return r.json.errors[0]
}

/**
 * One HTTP request with exactly these headers and body (fetch refuses a GET body, which
 * zunclient sends on `image search`).
 */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{status: number; headers: Headers; text: string}> {
  return new Promise((resolve, reject) => {
    const all = {...headers}
    if (body !== undefined && !Object.keys(all).some((k) => k.toLowerCase() === 'content-length')) {
      all['Content-Length'] = String(Buffer.byteLength(body))
    }
    const req = http.request(url, {method, headers: all}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const h = new Headers()
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v)
        resolve({status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString('utf8')})
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}
