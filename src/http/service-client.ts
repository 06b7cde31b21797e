import type {HttpResponse, Transport} from './transport.js'

import {ApiError, UsageError} from '../core/errors.js'

/** Where a service client gets its token, and how it asks for a new one after a 401. */
export interface TokenSource {
  token(): Promise<string>
  /**
   * Re-authenticates after `refused` was refused, and returns the new token. When another call
   * has already replaced that token, the current one is returned without a new login.
   */
  refresh(refused?: string): Promise<string>
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | string[] | undefined>
  json?: unknown
  body?: RequestInit['body']
  headers?: Record<string, string>
  stream?: boolean
  okStatuses?: number[]
}

/**
 * A path segment for an identifier, encoded. An empty one would turn `/images/{id}` into the
 * collection (`/images/`), a different call altogether (Tricircle answers it with an empty 500),
 * so it is refused before anything is sent.
 */
export function pathSegment(what: string, id: string): string {
  if (id.trim() === '') throw new UsageError(`The ${what} must not be empty.`)
  return encodeURIComponent(id)
}

/** The microversion a client speaks, and the header that carries it (gophercloud's `ServiceClient.Microversion`). */
export interface Microversion {
  /** `OpenStack-API-Version`. */
  header: string
  /** The service word of the header value: `container` in `container 1.40`. */
  service: string
  /** `1.40`. */
  version: string
  /** A service's own older header, sent too with the bare version (Nova's `X-OpenStack-Nova-API-Version`). */
  legacyHeader?: string
}

/** A client bound to one service in one region: endpoint, token and microversion. */
export class ServiceClient {
  constructor(
    readonly transport: Transport,
    /** Display name: "Neutron", "Glance"… */
    readonly service: string,
    readonly serviceType: string,
    readonly region: string,
    /** The versioned base URL, without a trailing slash: `http://h:9696/v2.0`. */
    readonly baseUrl: string,
    private readonly auth: TokenSource,
    /** Sent on every request when set. */
    readonly microversion?: Microversion,
  ) {}

  /** The same endpoint speaking microversion `m` on every request. */
  withMicroversion(m: Microversion): ServiceClient {
    return new ServiceClient(this.transport, this.service, this.serviceType, this.region, this.baseUrl, this.auth, m)
  }

  url(path: string, query?: RequestOptions['query']): string {
    const u = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`
    if (!query) return u
    const params = new URLSearchParams()
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue
      if (Array.isArray(v)) for (const item of v) params.append(k, item)
      else params.append(k, String(v))
    }
    const qs = params.toString()
    return qs ? `${u}${u.includes('?') ? '&' : '?'}${qs}` : u
  }

  async request(method: string, path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    const send = async (token: string) =>
      this.transport.request({
        method,
        url: this.url(path, opts.query),
        service: this.service,
        headers: {...this.microversionHeader(), ...opts.headers, 'X-Auth-Token': token},
        json: opts.json,
        body: opts.body,
        stream: opts.stream,
        okStatuses: opts.okStatuses,
      })
    const token = await this.auth.token()
    try {
      return await send(token)
    } catch (error) {
      // A streamed upload body cannot be sent twice.
      // Only a refused token is worth a new login: keystonemiddleware says so with WWW-Authenticate.
      // A service's own 401 (Tricircle's "Unauthorized to …" for a non-admin) would refuse the new
      // token just the same; keystonemiddleware puts WWW-Authenticate on that one too.
      if (error instanceof ApiError && error.status === 401 && error.authChallenge && !/^Unauthorized to /.test(error.detail) && opts.body === undefined) {
        return send(await this.auth.refresh(token))
      }
      throw error
    }
  }

  private microversionHeader(): Record<string, string> {
    const m = this.microversion
    if (!m) return {}
    return {[m.header]: `${m.service} ${m.version}`, ...(m.legacyHeader ? {[m.legacyHeader]: m.version} : {})}
  }

  async get<T>(path: string, query?: RequestOptions['query'], headers?: Record<string, string>): Promise<T> {
    return (await this.request('GET', path, {query, headers})).data as T
  }

  async post<T>(path: string, json?: unknown, headers?: Record<string, string>): Promise<T> {
    return (await this.request('POST', path, {json, headers})).data as T
  }

  async put<T>(path: string, json?: unknown, headers?: Record<string, string>): Promise<T> {
    return (await this.request('PUT', path, {json, headers})).data as T
  }

  async patch<T>(path: string, json: unknown, headers?: Record<string, string>): Promise<T> {
    return (await this.request('PATCH', path, {json, headers})).data as T
  }

  async delete(path: string, query?: RequestOptions['query']): Promise<void> {
    await this.request('DELETE', path, {query})
  }
}
