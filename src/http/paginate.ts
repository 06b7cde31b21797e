import type {RequestOptions, ServiceClient} from './service-client.js'

/** A list query as `ServiceClient.url` takes it (undefined values are left out). */
export type ListQuery = NonNullable<RequestOptions['query']>

/** One page request: a path under the endpoint (or an absolute URL) and its query. */
export interface PageRequest {
  path: string
  query?: ListQuery
}

/** What a strategy knows when it picks the next page. */
export interface PageContext {
  client: ServiceClient
  /** The body key of the items (`networks`, `containers`…). */
  key: string
  /** The first request: its query holds the filters to send again when a link drops them. */
  first: PageRequest
}

/**
 * How a service links its pages (gophercloud's `pagination` package, one strategy a shape):
 * - `links`: Neutron, Octavia: `{<key>: [...], <key>_links: [{rel: "next", href}]}`, the href complete;
 * - `glanceNext`: Glance: `{<key>: [...], next: "/v2/images?marker=…"}`, relative to the endpoint root;
 * - `zunNext`: Zun: `{<key>: [...], next: <url>}`: the link keeps only its paging keys, so the
 *   other keys of the first query (filters, `all_projects`) are sent again;
 * - `marker`: Tricircle: the next link's `marker` and `limit` are read and sent with the filters
 *   (its link drops them), the query keys sorted as python-tricircleclient sends them; an id seen
 *   before (timestamp ties) is skipped, and a page with nothing new ends the walk.
 */
export interface PageStrategy {
  readonly name: string
  next(body: Record<string, unknown>, ctx: PageContext): PageRequest | undefined
  /** Skip items whose `id` was read already; a page with nothing new is the last. */
  readonly uniqueIds?: boolean
  /** Put the query in this order (first request included). */
  readonly order?: (q: ListQuery) => ListQuery
}

const links: PageStrategy = {
  name: 'links',
  next: (body, {key}) => {
    const href = linkHref(body[`${key}_links`])
    return href === undefined ? undefined : {path: href}
  },
}

const glanceNext: PageStrategy = {
  name: 'glanceNext',
  next: (body, {client}) => {
    const n = body.next
    if (typeof n !== 'string' || n === '') return undefined
    if (/^https?:/.test(n)) return {path: n}
    const base = new URL(client.baseUrl)
    return {path: `${base.origin}${base.pathname.replace(/\/v\d+(\.\d+)?$/, '')}${n}`}
  },
}

const zunNext: PageStrategy = {
  name: 'zunNext',
  next: (body, {client, first}) => {
    if (typeof body.next !== 'string' || body.next === '') return undefined
    const u = new URL(body.next, 'http://next.invalid')
    const basePath = new URL(client.baseUrl).pathname.replace(/\/+$/, '')
    let path = u.pathname
    if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) path = path.slice(basePath.length)
    else path = path.replace(/^\/v1(?=\/|$)/, '')
    const query: ListQuery = {}
    for (const [k, v] of u.searchParams) query[k] = v
    for (const [k, v] of Object.entries(first.query ?? {})) {
      if (v !== undefined && k !== 'marker' && k !== 'limit' && !(k in query)) query[k] = v
    }
    return {path: path || '/', query}
  },
}

const marker: PageStrategy = {
  name: 'marker',
  uniqueIds: true,
  order: sortedQuery,
  next: (body, {key, first}) => {
    const href = linkHref(body[`${key}_links`])
    if (href === undefined) return undefined
    const params = new URL(href, 'http://next.invalid').searchParams
    const next = params.get('marker')
    if (next === null) return undefined
    return {path: first.path, query: {...first.query, limit: params.get('limit') ?? undefined, marker: next}}
  },
}

/** The named strategies: `paging.links`, `paging.glanceNext`, `paging.zunNext`, `paging.marker`. */
export const paging = {links, glanceNext, zunNext, marker} as const

/** `--limit` and `--marker` of the marker-paged lists (Zun, Tricircle). */
export interface MarkerPage {
  /** At most this many items. */
  limit?: number
  /** Start after this id. */
  marker?: string
}

export interface ListOptions {
  /** The body key of the items. */
  key: string
  query?: ListQuery
  /** Headers sent with every page (Zun's Content-Type). */
  headers?: Record<string, string>
  /** At most this many items (pages are followed until then). */
  limit?: number
  /** Only the first page (python-tricircleclient with --limit). */
  onePage?: boolean
}

/**
 * Every item of a list, page after page, as `strategy` links them. A link already followed ends
 * the walk (a server that points back at a page never loops us), and so does an empty page.
 */
export async function listAll<T>(c: ServiceClient, strategy: PageStrategy, path: string, opts: ListOptions): Promise<T[]> {
  const order = strategy.order ?? ((q: ListQuery) => q)
  const first: PageRequest = {path, query: opts.query}
  const out: T[] = []
  const seenUrls = new Set<string>()
  const seenIds = new Set<string>()
  let req: PageRequest | undefined = first
  while (req) {
    const query = req.query ? order(req.query) : undefined
    const url = c.url(req.path, query)
    if (seenUrls.has(url)) break
    seenUrls.add(url)
    const body = (await c.request('GET', req.path, {query, headers: opts.headers})).data as Record<string, unknown> | undefined
    const items = Array.isArray(body?.[opts.key]) ? (body[opts.key] as T[]) : []
    let fresh = 0
    for (const item of items) {
      if (strategy.uniqueIds) {
        const id = String((item as {id?: unknown}).id)
        if (seenIds.has(id)) continue
        seenIds.add(id)
      }
      out.push(item)
      fresh++
    }
    if (opts.limit !== undefined && out.length >= opts.limit) return out.slice(0, opts.limit)
    if (opts.onePage || fresh === 0 || !body) break
    req = strategy.next(body, {client: c, key: opts.key, first})
  }
  return out
}

/** The query keys that are set, sorted by name. */
export function sortedQuery(q: ListQuery): ListQuery {
  const out: ListQuery = {}
  for (const k of Object.keys(q).sort()) if (q[k] !== undefined) out[k] = q[k]
  return out
}

function linkHref(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined
  const href = (links as Array<{rel?: string; href?: string}>).find((l) => l?.rel === 'next')?.href
  return typeof href === 'string' && href !== '' ? href : undefined
}
