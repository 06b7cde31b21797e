import http from 'node:http'

import {StaticTokenValidator, type TokenInfo} from '../../../../src/sim/common/auth.js'
import {type RunningTricircleServer, startTricircleServer, type TricircleAppOptions} from '../../../../src/sim/tricircle/index.js'

export const PROJECT = '54ff18e9a739412ab627c5fc1eaeb883'
export const OTHER_PROJECT = '0b1d4f3a2c5e4d6f8a9b7c6d5e4f3a2b'

function info(projectId: string, roles: string[]): TokenInfo {
  return {
    userId: `user-${roles.join('-')}`,
    userName: roles.join('-'),
    projectId,
    projectName: projectId === PROJECT ? 'demo' : 'other',
    roles,
    isAdmin: roles.includes('admin'),
    expiresAt: '2099-01-01T00:00:00Z',
  }
}

/** admin (PROJECT), admin2 (OTHER_PROJECT), member (PROJECT, not admin). */
export const tokens = new StaticTokenValidator({
  admin: info(PROJECT, ['admin', 'member']),
  admin2: info(OTHER_PROJECT, ['admin']),
  member: info(PROJECT, ['member', 'reader']),
})

/** A settable clock for `now`. */
export class Clock {
  constructor(public ms = Date.parse('2026-11-23T05:26:53.250Z')) {}
  now = (): Date => new Date(this.ms)
  advance(ms: number): void {
    this.ms += ms
  }
}

export interface Reply {
  status: number
  headers: Headers
  text: string
  /** The parsed body (throws when it is not JSON). */
  json: unknown
}

export interface CallOptions {
  token?: string | null
  /** A value to JSON-encode, or a raw string with `raw: true`. */
  body?: unknown
  raw?: boolean
  accept?: string
}

export interface Sim {
  srv: RunningTricircleServer
  clock: Clock
  call(method: string, path: string, opts?: CallOptions): Promise<Reply>
  close(): Promise<void>
}

export async function startSim(opts: Partial<TricircleAppOptions> = {}): Promise<Sim> {
  const clock = new Clock()
  const srv = await startTricircleServer({host: '127.0.0.1', port: 0, auth: tokens, now: clock.now, ...opts})
  return {
    srv,
    clock,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = {Accept: o.accept ?? 'application/json', 'Content-Type': 'application/json'}
      const token = o.token === undefined ? 'admin' : o.token
      if (token !== null) headers['X-Auth-Token'] = token
      const body = o.body === undefined ? undefined : o.raw ? String(o.body) : JSON.stringify(o.body)
      const res = await fetch(srv.url + path, {method, headers, body})
      const text = await res.text()
      return {
        status: res.status,
        headers: res.headers,
        text,
        get json() {
          return JSON.parse(text) as unknown
        },
      }
    },
    close: () => srv.close(),
  }
}

/** A request through node:http, for what fetch cannot send (no Accept or no Content-Type header at all). */
export function rawRequest(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{status: number; headers: http.IncomingHttpHeaders; text: string}> {
  return new Promise((resolve, reject) => {
    const u = new URL(url)
    const req = http.request({host: u.hostname, port: u.port, method, path, headers}, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8')}))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Shape A. */
export const apiErr = (code: number, message: string) => {
  const key = {400: 'badRequest', 403: 'forbidden', 404: 'itemNotFound', 409: 'conflictingRequest', 500: 'internalServerError'}[code]
  return {[key as string]: {message, code}}
}

/** Shape B as JSON (Accept: application/json). */
export const abortJson = (code: number, title: string, description: string) => ({code, title, description})
