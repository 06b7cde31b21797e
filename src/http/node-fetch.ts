import type {Agent, IncomingHttpHeaders, IncomingMessage} from 'node:http'
import type {Readable} from 'node:stream'
import type {TlsSettings} from './tls.js'

/** What the transport reads of an answer (a subset of fetch's Response). */
export interface FetchAnswer {
  status: number
  ok: boolean
  headers: Headers
  body: ReadableStream<Uint8Array> | null
  text(): Promise<string>
}

export interface FetchInit {
  method: string
  headers: Record<string, string>
  body?: string
  signal?: AbortSignal
}

export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchAnswer>

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 20

/**
 * fetch's behaviour over node:http(s), for what the transport asks of it: keep-alive, redirects
 * (20 at most; a 303, or a 301/302 after a POST, becomes a GET; Authorization is dropped for
 * another origin), gzip/deflate answers decoded, an abort that stops the exchange, and failures
 * as fetch reports them (`TypeError: fetch failed`, the socket's error as its cause). Node's own
 * fetch costs ~40 MB and ~90 ms of CPU on Node 20 (20 MB and ~50 ms on 24) to load: more than
 * the rest of a `network list`. The CA bundle and --insecure go to the https agent.
 */
export function nodeFetch(tls?: TlsSettings): FetchFunction {
  const agents = new Map<string, Promise<{request: typeof import('node:http').request; agent: Agent}>>()
  const client = (protocol: string) => {
    let c = agents.get(protocol)
    if (!c) {
      c =
        protocol === 'https:'
          ? import('node:https').then(({request, Agent}) => ({
              request,
              agent: new Agent({keepAlive: true, ...(tls ? {rejectUnauthorized: tls.rejectUnauthorized, ...(tls.ca ? {ca: tls.ca} : {})} : {})}),
            }))
          : import('node:http').then(({request, Agent}) => ({request, agent: new Agent({keepAlive: true})}))
      agents.set(protocol, c)
    }
    return c
  }

  return async (url, init) => {
    let target = new URL(url)
    let {method, body} = init
    const headers: Record<string, string> = {'Accept-Encoding': 'gzip, deflate', ...init.headers}
    for (let hops = 0; ; hops++) {
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw failed(new Error(`unsupported protocol ${target.protocol}`))
      const {request, agent} = await client(target.protocol)
      const res = await exchange(request, agent, target, method, headers, body, init.signal)
      const location = res.headers.location
      if (!REDIRECTS.has(res.statusCode ?? 0) || location === undefined) return answer(res, init.signal)
      res.resume()
      if (hops === MAX_REDIRECTS) throw failed(new Error('redirect count exceeded'))
      const next = new URL(location, target)
      if ((res.statusCode === 303 && method !== 'HEAD') || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
        method = 'GET'
        body = undefined
        for (const k of Object.keys(headers)) if (/^content-/i.test(k)) delete headers[k]
      }
      if (next.origin !== target.origin) for (const k of Object.keys(headers)) if (k.toLowerCase() === 'authorization') delete headers[k]
      target = next
    }
  }
}

function exchange(
  request: typeof import('node:http').request,
  agent: Agent,
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal | undefined,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const length = body === undefined ? (method === 'POST' || method === 'PUT' ? '0' : undefined) : String(Buffer.byteLength(body))
    const req = request(url, {method, agent, headers: length === undefined ? headers : {...headers, 'Content-Length': length}})
    const onAbort = () => req.destroy(signal!.reason)
    signal?.addEventListener('abort', onAbort, {once: true})
    req.once('response', (res) => {
      // The body is read (or handed over) by the caller; an abort while it is read ends it too.
      res.once('close', () => signal?.removeEventListener('abort', onAbort))
      resolve(res)
    })
    req.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort)
      reject(signal?.aborted ? signal.reason : failed(error))
    })
    req.end(body)
  })
}

function failed(cause: Error): TypeError {
  return new TypeError('fetch failed', {cause})
}

function answer(res: IncomingMessage, signal: AbortSignal | undefined): FetchAnswer {
  const status = res.statusCode ?? 0
  let used = false
  const content = async (): Promise<Readable> => {
    if (used) throw new TypeError('Body is unusable: Body has already been read')
    used = true
    const encoding = res.headers['content-encoding']?.trim().toLowerCase()
    if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'deflate') return res
    const zlib = await import('node:zlib')
    const decoder = encoding === 'deflate' ? zlib.createInflate() : zlib.createGunzip()
    res.on('error', (error) => decoder.destroy(error))
    return res.pipe(decoder)
  }
  const bodyError = (error: unknown) => (signal?.aborted ? signal.reason : error instanceof TypeError ? error : failed(error as Error))
  let stream: ReadableStream<Uint8Array> | undefined
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: new ResponseHeaders(res.headers) as unknown as Headers,
    // Read as the consumer reads (one chunk per pull): a download is never held in memory.
    get body() {
      if (!stream) {
        const chunks = content().then((source) => source[Symbol.asyncIterator]())
        stream = new ReadableStream<Uint8Array>(
          {
            async pull(controller) {
              try {
                const next = await (await chunks).next()
                if (next.done) controller.close()
                else controller.enqueue(new Uint8Array(next.value as Buffer))
              } catch (error) {
                controller.error(bodyError(error))
              }
            },
            async cancel() {
              res.destroy()
            },
          },
          {highWaterMark: 0},
        )
      }
      return stream
    },
    async text() {
      const chunks: Buffer[] = []
      try {
        for await (const chunk of await content()) chunks.push(chunk as Buffer)
      } catch (error) {
        throw bodyError(error)
      }
      return Buffer.concat(chunks).toString('utf8')
    },
  }
}

/** A response's headers as fetch's Headers reads them: by lower-case name, in name order, repeats joined. */
export class ResponseHeaders {
  private readonly map = new Map<string, string>()

  constructor(raw: IncomingHttpHeaders) {
    for (const name of Object.keys(raw).sort()) {
      const v = raw[name]
      if (v !== undefined) this.map.set(name, Array.isArray(v) ? v.join(', ') : v)
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase())
  }

  forEach(fn: (value: string, name: string) => void): void {
    for (const [k, v] of this.map) fn(v, k)
  }

  entries(): IterableIterator<[string, string]> {
    return this.map.entries()
  }

  keys(): IterableIterator<string> {
    return this.map.keys()
  }

  values(): IterableIterator<string> {
    return this.map.values()
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries()
  }
}
