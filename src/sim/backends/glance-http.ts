import {type CreateImageOpts, type GlanceBackend, GlanceError, type GlanceImage, isUuidLike} from './glance.js'
import {BackendHttp, type BackendHttpOptions, type BackendResponse, type TokenProvider, versionedBase} from './http.js'

/** GlanceBackend over one region's real Glance `/v2` API (for example `http://127.0.0.1:9292`). */
export class HttpGlanceBackend implements GlanceBackend {
  private readonly http: BackendHttp

  constructor(endpoint: string, token: TokenProvider, opts: BackendHttpOptions = {}) {
    this.http = new BackendHttp(versionedBase(endpoint, 'v2'), token, opts)
  }

  async findImages(idOrName: string): Promise<GlanceImage[]> {
    if (isUuidLike(idOrName)) {
      const res = await this.http.request('GET', `/images/${encodeURIComponent(idOrName)}`)
      if (res.status === 404) return []
      return [normalizeImage(expectOk(res, 'image') as RawImage)]
    }
    return this.list({name: idOrName})
  }

  async searchImages(term: string, exactMatch: boolean): Promise<GlanceImage[]> {
    if (exactMatch) return this.list({name: term})
    return (await this.list({})).filter((i) => i.name.includes(term))
  }

  async createImage(o: CreateImageOpts): Promise<GlanceImage> {
    const json: Record<string, unknown> = {
      name: o.name,
      container_format: o.container_format,
      disk_format: o.disk_format,
      visibility: o.visibility ?? 'private',
    }
    if (o.tags?.length) json.tags = o.tags
    if (o.owner) json.owner = o.owner
    const res = await this.http.request('POST', '/images', {json})
    return normalizeImage(expectOk(res, 'image') as RawImage)
  }

  async uploadImage(id: string, data: Uint8Array): Promise<void> {
    const res = await this.http.request('PUT', `/images/${encodeURIComponent(id)}/file`, {body: data})
    expectOk(res, 'image data')
  }

  /** Follows Glance's `next` links. */
  private async list(query: {name?: string}): Promise<GlanceImage[]> {
    const out: GlanceImage[] = []
    let path: string | undefined = '/images'
    let q: Record<string, string | undefined> = {name: query.name, limit: '200'}
    while (path) {
      const res: BackendResponse = await this.http.request('GET', path, {query: q})
      const body = expectOk(res, 'images') as {images: RawImage[]; next?: string}
      out.push(...body.images.map(normalizeImage))
      // `next` is "/v2/images?marker=…" (already carrying the filters).
      if (body.next) {
        const next = new URL(body.next, 'http://x')
        path = '/images'
        q = Object.fromEntries(next.searchParams.entries())
      } else {
        path = undefined
      }
    }
    return out
  }
}

type RawImage = Partial<GlanceImage> & {id: string}

function expectOk(res: BackendResponse, what: string): unknown {
  if (res.status >= 200 && res.status < 300) return res.body ?? {}
  throw new GlanceError(res.status, `Glance answered HTTP ${res.status} for ${what}${res.text ? `: ${res.text.slice(0, 200)}` : ''}`)
}

function normalizeImage(i: RawImage): GlanceImage {
  return {
    id: i.id,
    name: i.name ?? '',
    container_format: i.container_format ?? null,
    disk_format: i.disk_format ?? null,
    status: i.status ?? 'queued',
    owner: i.owner ?? null,
    visibility: i.visibility ?? 'shared',
    size: i.size ?? null,
    tags: i.tags ?? [],
    created_at: i.created_at ?? '',
  }
}
