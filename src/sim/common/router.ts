import type {IncomingMessage, ServerResponse} from 'node:http'

export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  params: Record<string, string>
  query: URLSearchParams
  /** The request path below the router's mount point. */
  path: string
}

export type RouteHandler = (ctx: RouteContext) => Promise<void> | void

interface Route {
  method: string
  pattern: RegExp
  names: string[]
  handler: RouteHandler
}

/** A minimal method + path router: `/containers/:id/start` style patterns. */
export class Router {
  private readonly routes: Route[] = []

  on(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = []
    const source = path
      .replace(/\/+$/, '')
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          names.push(part.slice(1))
          return '([^/]+)'
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('/')
    this.routes.push({method, pattern: new RegExp(`^${source}/?$`), names, handler})
    return this
  }

  /** The route for a request, or why there is none: 404 (no path) or 405 (path, wrong method). */
  match(method: string, path: string): {handler: RouteHandler; params: Record<string, string>} | 404 | 405 {
    let pathMatched = false
    for (const r of this.routes) {
      const m = r.pattern.exec(path)
      if (!m) continue
      pathMatched = true
      if (r.method !== method) continue
      const params: Record<string, string> = {}
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])))
      return {handler: r.handler, params}
    }
    return pathMatched ? 405 : 404
  }
}

/** Reads and parses a JSON body; undefined for an empty body. Throws SyntaxError on bad JSON. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return undefined
  return JSON.parse(text)
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, {
    ...(text ? {'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text))} : {'Content-Length': '0'}),
    ...headers,
  })
  res.end(text)
}
