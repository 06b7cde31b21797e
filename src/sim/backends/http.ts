/**
 * The small HTTP layer shared by the real backends: Node fetch, `X-Auth-Token` from a token
 * provider, one retry with a fresh token after a 401, a timeout, and JSON in and out.
 */

/** Returns a token; asked again with `{refresh: true}` after the service answered 401. */
export type TokenProvider = (opts?: {refresh?: boolean}) => Promise<string>

export interface BackendHttpOptions {
  /** Per-request timeout in milliseconds (default 30 s). */
  timeoutMs?: number
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch
}

export interface BackendResponse {
  status: number
  headers: Headers
  body: unknown
  text: string
}

export class BackendHttp {
  private readonly fetchImpl: typeof fetch
  private readonly timeoutMs: number

  constructor(
    readonly baseUrl: string,
    private readonly token: TokenProvider,
    opts: BackendHttpOptions = {},
  ) {
    this.fetchImpl = opts.fetch ?? fetch
    this.timeoutMs = opts.timeoutMs ?? 30_000
  }

  async request(
    method: string,
    path: string,
    opts: {json?: unknown; body?: Uint8Array; contentType?: string; query?: Record<string, string | undefined>} = {},
  ): Promise<BackendResponse> {
    const url = new URL(this.baseUrl + path)
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.append(k, v)
    let res = await this.send(method, url, opts, await this.token())
    if (res.status === 401) res = await this.send(method, url, opts, await this.token({refresh: true}))
    const text = await res.text()
    let body: unknown
    if (text && (res.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(text)
      } catch {
        body = undefined
      }
    }
    return {status: res.status, headers: res.headers, body, text}
  }

  private send(
    method: string,
    url: URL,
    opts: {json?: unknown; body?: Uint8Array; contentType?: string},
    token: string,
  ): Promise<Response> {
    const headers: Record<string, string> = {'X-Auth-Token': token, Accept: 'application/json'}
    let body: string | Uint8Array | undefined
    if (opts.json !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/json'
      body = JSON.stringify(opts.json)
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/octet-stream'
      body = opts.body
    }
    return this.fetchImpl(url, {method, headers, body, signal: AbortSignal.timeout(this.timeoutMs)})
  }
}

/** `http://h:9696`, `http://h:9696/` or `http://h:9696/v2.0/` → `http://h:9696/v2.0`. */
export function versionedBase(endpoint: string, version: string): string {
  const trimmed = endpoint.replace(/\/+$/, '')
  return trimmed.endsWith(`/${version}`) ? trimmed : `${trimmed}/${version}`
}
