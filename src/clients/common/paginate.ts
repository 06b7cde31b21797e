import type {ServiceClient} from '../../http/service-client.js'

type Query = Record<string, string | number | boolean | string[] | undefined>

/** Neutron-style pages: `{<key>: [...], <key>_links: [{rel: "next", href}]}`; follows every next link. */
export async function listAllLinked<T>(c: ServiceClient, path: string, key: string, query?: Query): Promise<T[]> {
  const out: T[] = []
  let next: string | undefined = c.url(path, query)
  const seen = new Set<string>()
  while (next && !seen.has(next)) {
    seen.add(next)
    const page: Record<string, unknown> = await c.get<Record<string, unknown>>(next)
    out.push(...((page[key] as T[]) ?? []))
    const links = (page[`${key}_links`] as Array<{rel: string; href: string}> | undefined) ?? []
    next = links.find((l) => l.rel === 'next')?.href
  }
  return out
}

/** Glance-style pages: `{<key>: [...], next: "/v2/images?marker=…"}` (relative to the endpoint root). */
export async function listAllNext<T>(c: ServiceClient, path: string, key: string, query?: Query): Promise<T[]> {
  const out: T[] = []
  const root = new URL(c.baseUrl).origin + new URL(c.baseUrl).pathname.replace(/\/v\d+(\.\d+)?$/, '')
  let next: string | undefined = c.url(path, query)
  const seen = new Set<string>()
  while (next && !seen.has(next)) {
    seen.add(next)
    const page: Record<string, unknown> = await c.get<Record<string, unknown>>(next)
    out.push(...((page[key] as T[]) ?? []))
    const n = page.next as string | undefined
    next = n ? (/^https?:/.test(n) ? n : `${root}${n}`) : undefined
  }
  return out
}
