import type {IncomingMessage, ServerResponse} from 'node:http'

import type {TokenInfo, TokenValidator} from '../common/auth.js'

import {authToken, origin, readBody, requestId, type ServiceHandler, SimHttpError, sendJson, sendWebobError, UUID_RE} from '../cloud/http.js'
import {CONTAINER_FORMATS, DISK_FORMATS, type GlanceStore, IMPORT_METHODS, type ImageRecord} from './store.js'

/**
 * The simulated Glance v2 API of one region: images (create, list with filters, sorting and `next`
 * links, show, JSON-patch update, delete), data upload and download (checksums as Glance computes
 * them), tags, deactivate/reactivate, interoperable import (`glance-direct` staging,
 * `glance-download` from another region of the sim, `web-download` which fails as offline), the
 * import/stores discovery and the version document. Errors are webob's HTML pages, as Glance sends.
 */

export interface GlanceOptions {
  store: GlanceStore
  auth: TokenValidator
  keystoneUri: string
  /** A region's store by name (for `glance-download`). */
  peer: (region: string) => GlanceStore | undefined
  /** Import duration (ms, as the clock runs it). */
  importMs: () => number
  /** The import methods this Glance offers (default: all four; a real Glance enables glance-download only when told). */
  importMethods?: string[]
  onChange?: () => void
}

const CORE_WRITABLE = new Set(['name', 'id', 'visibility', 'container_format', 'disk_format', 'min_ram', 'min_disk', 'protected', 'tags', 'os_hidden', 'owner'])
const READ_ONLY = new Set(['status', 'size', 'virtual_size', 'checksum', 'created_at', 'updated_at', 'os_hash_algo', 'os_hash_value', 'self', 'file', 'schema', 'direct_url', 'locations', 'stores'])
const VERSIONS = ['2.15', '2.13', '2.12', '2.11', '2.10', '2.9', '2.8', '2.7', '2.6', '2.5', '2.4', '2.3', '2.2', '2.1', '2.0']

const gerr = (status: number, message: string, headers: Record<string, string> = {}) => new SimHttpError(status, message, '', headers)

function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (typeof v === 'string') return `'${v}'`
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  return JSON.stringify(v)
}

function schemaError(field: string, value: unknown, reason: string): SimHttpError {
  return gerr(400, `Provided object does not match schema 'image': ${pyRepr(value)} ${reason}\n\nFailed validating in schema['properties']['${field}']\n\nOn instance['${field}']:\n    ${pyRepr(value)}`)
}

export function imageView(img: ImageRecord): Record<string, unknown> {
  const v: Record<string, unknown> = {}
  // Free-form properties first, in the order they were set (Glance's dict of its property rows).
  for (const k of Object.keys(img.properties)) v[k] = img.properties[k]
  Object.assign(v, {
    name: img.name,
    disk_format: img.disk_format,
    container_format: img.container_format,
    visibility: img.visibility,
    size: img.size,
    virtual_size: img.virtual_size,
    status: img.status,
    checksum: img.checksum,
    protected: img.protected,
    min_ram: img.min_ram,
    min_disk: img.min_disk,
    owner: img.owner,
    os_hidden: img.os_hidden,
    os_hash_algo: img.os_hash_algo,
    os_hash_value: img.os_hash_value,
    id: img.id,
    created_at: img.created_at,
    updated_at: img.updated_at,
    tags: [...img.tags],
    self: `/v2/images/${img.id}`,
    file: `/v2/images/${img.id}/file`,
    schema: '/v2/schemas/image',
  })
  if (img.checksum !== null) v.stores = 'fs'
  return v
}

function checkCore(key: string, value: unknown): unknown {
  switch (key) {
    case 'name':
      if (value !== null && typeof value !== 'string') throw schemaError(key, value, "is not of type 'null', 'string'")
      if (typeof value === 'string' && value.length > 255) throw schemaError(key, value, 'is too long')
      return value
    case 'disk_format':
      if (value !== null && !DISK_FORMATS.includes(String(value))) throw schemaError(key, value, `is not one of [None, ${DISK_FORMATS.map((f) => `'${f}'`).join(', ')}]`)
      return value
    case 'container_format':
      if (value !== null && !CONTAINER_FORMATS.includes(String(value))) throw schemaError(key, value, `is not one of [None, ${CONTAINER_FORMATS.map((f) => `'${f}'`).join(', ')}]`)
      return value
    case 'visibility':
      if (!['public', 'private', 'shared', 'community'].includes(String(value))) throw schemaError(key, value, "is not one of ['community', 'public', 'private', 'shared']")
      return value
    case 'min_ram':
    case 'min_disk':
      if (!Number.isInteger(value) || (value as number) < 0) throw schemaError(key, value, "is not of type 'integer'")
      return value
    case 'protected':
    case 'os_hidden':
      if (typeof value !== 'boolean') throw schemaError(key, value, "is not of type 'boolean'")
      return value
    case 'tags':
      if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) throw schemaError(key, value, "is not of type 'array'")
      if (value.length > 128) throw gerr(413, 'Maximum tag count exceeded')
      return [...new Set(value as string[])]
    case 'id':
      if (typeof value !== 'string' || !UUID_RE.test(value)) throw schemaError(key, value, "is not a 'uuid'")
      return value
    default:
      return value
  }
}

export function createGlance(opts: GlanceOptions): ServiceHandler & {store: GlanceStore} {
  const s = opts.store
  const importMethods = opts.importMethods ?? IMPORT_METHODS

  function canSee(ctx: TokenInfo, img: ImageRecord): boolean {
    return ctx.isAdmin || img.owner === ctx.projectId || img.visibility === 'public' || img.visibility === 'community'
  }

  function find(ctx: TokenInfo, id: string, missing = `No image found with ID ${id}`): ImageRecord {
    const img = s.get(id)
    if (!img || !canSee(ctx, img)) throw gerr(404, missing)
    return img
  }

  function mustOwn(ctx: TokenInfo, img: ImageRecord, action: string): void {
    if (!ctx.isAdmin && img.owner !== ctx.projectId) throw gerr(403, `You are not permitted to ${action} this image.`)
  }

  function settle(): void {
    s.settle(s.now(), (region, id) => opts.peer(region)?.blobs.get(id))
  }

  async function jsonBody(req: IncomingMessage): Promise<unknown> {
    const text = (await readBody(req)).toString('utf8')
    if (text.trim() === '') return undefined
    try {
      return JSON.parse(text)
    } catch {
      throw gerr(400, 'Malformed JSON in request body.')
    }
  }

  function setProperty(img: ImageRecord, key: string, value: unknown, ctx: TokenInfo): void {
    if (READ_ONLY.has(key)) throw gerr(403, `Attribute '${key}' is read-only.`)
    if (key.startsWith('os_glance')) throw gerr(403, `Attribute '${key}' is reserved.`)
    if (CORE_WRITABLE.has(key)) {
      if (key === 'id') throw gerr(403, "Attribute 'id' is read-only.")
      if (key === 'visibility' && value === 'public' && !ctx.isAdmin) throw gerr(403, 'You are not authorized to complete publicize_image action.')
      if (key === 'owner') {
        if (!ctx.isAdmin) throw gerr(403, "Attribute 'owner' can be only modified by admin")
      }
      ;(img as unknown as Record<string, unknown>)[key] = checkCore(key, value)
      return
    }
    if (typeof value !== 'string') throw schemaError(key, value, "is not of type 'string'")
    img.properties[key] = value
  }

  function list(ctx: TokenInfo, query: URLSearchParams): Record<string, unknown> {
    settle()
    let rows = s.data.images.filter((i) => canSee(ctx, i))
    const visibility = query.get('visibility')
    if (visibility && visibility !== 'all') rows = rows.filter((i) => i.visibility === visibility)
    else if (!visibility) rows = rows.filter((i) => i.visibility !== 'community' || i.owner === ctx.projectId)
    if (!query.has('os_hidden') || query.get('os_hidden') === 'false') rows = rows.filter((i) => !i.os_hidden)
    const known = ['name', 'status', 'owner', 'container_format', 'disk_format', 'protected', 'id', 'checksum', 'os_hash_value']
    for (const [k, v] of query) {
      if (['limit', 'marker', 'sort', 'sort_key', 'sort_dir', 'visibility', 'os_hidden', 'member_status', 'tag', 'size_min', 'size_max', 'created_at', 'updated_at'].includes(k)) continue
      if (known.includes(k)) {
        if (k === 'id' && v.startsWith('in:')) {
          const ids = v.slice(3).split(',')
          rows = rows.filter((i) => ids.includes(i.id))
        } else if (k === 'name' && v.startsWith('in:')) {
          const names = v.slice(3).split(',')
          rows = rows.filter((i) => names.includes(i.name ?? ''))
        } else if (k === 'protected') rows = rows.filter((i) => String(i.protected) === v.toLowerCase())
        else rows = rows.filter((i) => String((i as unknown as Record<string, unknown>)[k]) === v)
      } else rows = rows.filter((i) => i.properties[k] === v)
    }
    for (const t of query.getAll('tag')) rows = rows.filter((i) => i.tags.includes(t))
    if (query.get('size_min')) rows = rows.filter((i) => (i.size ?? -1) >= Number(query.get('size_min')))
    if (query.get('size_max')) rows = rows.filter((i) => i.size !== null && i.size <= Number(query.get('size_max')))

    const sorts: Array<[string, string]> = []
    if (query.get('sort')) {
      for (const part of query.get('sort')!.split(',')) {
        const [k, d = 'desc'] = part.split(':')
        if (!['asc', 'desc'].includes(d)) throw gerr(400, `Invalid sort direction: ${d}`)
        sorts.push([k, d])
      }
    } else {
      const keys = query.getAll('sort_key')
      const dirs = query.getAll('sort_dir')
      keys.forEach((k, i) => sorts.push([k, dirs[i] ?? dirs[0] ?? 'desc']))
      if (!keys.length) sorts.push(['created_at', dirs[0] ?? 'desc'])
    }
    for (const [k] of sorts) {
      if (!['name', 'status', 'container_format', 'disk_format', 'size', 'id', 'created_at', 'updated_at', 'min_ram', 'min_disk', 'visibility', 'owner'].includes(k)) {
        throw gerr(400, `Invalid sort key: ${k}. It must be one of the following: name, status, container_format, disk_format, size, id, created_at, updated_at.`)
      }
    }
    if (!sorts.some(([k]) => k === 'id')) sorts.push(['id', sorts[sorts.length - 1][1]])
    const value = (i: ImageRecord, k: string) => (k === 'created_at' ? `${i.created_at}|${String(i.seq).padStart(10, '0')}` : (i as unknown as Record<string, unknown>)[k])
    rows = [...rows].sort((a, b) => {
      for (const [k, d] of sorts) {
        const av = value(a, k) as string | number | null
        const bv = value(b, k) as string | number | null
        if (av === bv) continue
        const cmp = av === null ? -1 : bv === null ? 1 : av < bv ? -1 : 1
        return d === 'desc' ? -cmp : cmp
      }
      return 0
    })
    const marker = query.get('marker')
    if (marker) {
      const at = rows.findIndex((i) => i.id === marker)
      if (at < 0) throw gerr(400, `marker [${marker}] not found`)
      rows = rows.slice(at + 1)
    }
    const limitRaw = query.get('limit')
    const limit = limitRaw === null ? 25 : Number(limitRaw)
    if (!Number.isInteger(limit) || limit < 0) throw gerr(400, 'limit param must be an integer')
    const page = rows.slice(0, Math.min(limit, 1000))
    const firstQuery = new URLSearchParams(query)
    firstQuery.delete('marker')
    const qs = firstQuery.toString()
    const body: Record<string, unknown> = {images: page.map(imageView), first: `/v2/images${qs ? `?${qs}` : ''}`, schema: '/v2/schemas/images'}
    if (page.length && page.length === Math.min(limit, 1000) && rows.length > 0) {
      const next = new URLSearchParams(firstQuery)
      next.append('marker', page[page.length - 1].id)
      body.next = `/v2/images?${next.toString()}`
    }
    return body
  }

  function applyPatch(ctx: TokenInfo, img: ImageRecord, ops: unknown): void {
    if (!Array.isArray(ops)) throw gerr(400, 'Request body must be a JSON array of operation objects.')
    const before = structuredClone(img)
    try {
      for (const op of ops as Array<Record<string, unknown>>) {
        const kind = op.op
        const path = String(op.path ?? '')
        if (!['add', 'replace', 'remove'].includes(String(kind))) throw gerr(400, `Operation objects must contain exactly one member named "add", "remove", or "replace".`)
        const m = /^\/([^/]+)(?:\/(\d+|-))?$/.exec(path)
        if (!m) throw gerr(400, `Invalid JSON pointer for this resource: '${path}'`)
        const key = m[1].replace(/~1/g, '/').replace(/~0/g, '~')
        if (kind === 'remove') {
          if (READ_ONLY.has(key) || CORE_WRITABLE.has(key) && key !== 'tags') throw gerr(403, `Attribute '${key}' is read-only.`)
          if (key === 'tags') {
            img.tags = []
            continue
          }
          if (!(key in img.properties)) throw gerr(409, `Property ${key} does not exist.`)
          delete img.properties[key]
          continue
        }
        if (kind === 'replace' && !CORE_WRITABLE.has(key) && !READ_ONLY.has(key) && !(key in img.properties)) {
          throw gerr(409, `Property ${key} does not exist.`)
        }
        setProperty(img, key, op.value, ctx)
      }
    } catch (error) {
      Object.assign(img, before)
      throw error
    }
    img.updated_at = s.stamp()
  }

  async function importImage(ctx: TokenInfo, img: ImageRecord, req: IncomingMessage): Promise<void> {
    const body = (await jsonBody(req)) as {method?: {name?: string; glance_image_id?: string; glance_region?: string; uri?: string}} | undefined
    const method = body?.method?.name
    if (!method) throw gerr(400, 'Import request requires a \'method\' field.')
    if (!importMethods.includes(method)) throw gerr(400, `Import method ${method} is not valid for this cloud. Valid values are: ${importMethods.join(', ')}`)
    mustOwn(ctx, img, 'import')
    const until = s.now() + opts.importMs()
    if (method === 'glance-direct') {
      if (img.status !== 'uploading') throw gerr(409, `Image needs to be staged before 'glance-direct' method can be used`)
      img.pending = {until, status: 'active', method}
    } else if (method === 'copy-image') {
      throw gerr(409, 'Image needs to be in active state before copy-image method can be used')
    } else if (method === 'web-download') {
      if (img.status !== 'queued') throw gerr(409, `Image needs to be in 'queued' state to use 'web-download' method`)
      if (!body?.method?.uri) throw gerr(400, 'URI for web-download does not pass filtering')
      img.pending = {until, status: 'active', method, failed: true}
    } else {
      if (img.status !== 'queued') throw gerr(409, `Image needs to be in 'queued' state to use 'glance-download' method`)
      const region = body?.method?.glance_region
      const sourceId = body?.method?.glance_image_id
      if (!region || !sourceId) throw gerr(400, "'glance_image_id' and 'glance_region' are required for the 'glance-download' method")
      const peer = opts.peer(region)
      if (!peer || peer === s) throw gerr(400, `Region ${region} is not a valid region for glance-download.`)
      const source = peer.get(sourceId)
      if (!source || source.status !== 'active' || (!ctx.isAdmin && source.owner !== ctx.projectId && source.visibility !== 'public')) {
        throw gerr(400, `Image ${sourceId} is not active in region ${region}.`)
      }
      for (const [k, v] of Object.entries(source.properties)) if (!k.startsWith('os_glance') && !(k in img.properties)) img.properties[k] = v
      img.pending = {until, status: 'active', method, source: {region, id: sourceId}}
    }
    img.status = 'importing'
    img.properties.os_glance_importing_to_stores = 'fs'
    img.updated_at = s.stamp()
  }

  async function route(req: IncomingMessage, res: ServerResponse, reqId: string, ctx: TokenInfo): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', 'http://sim.invalid')
    const seg = url.pathname.split('/').filter(Boolean).map(decodeURIComponent)
    const hdr = {'X-Openstack-Request-Id': reqId}
    const ok = (status: number, body: unknown, extra: Record<string, string> = {}) => sendJson(res, status, body, {headers: {...hdr, ...extra}})
    const noContentStatus = (status: number) => {
      res.writeHead(status, {...hdr, 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': '0'})
      res.end()
    }
    const noContent = () => noContentStatus(204)
    const changed = () => opts.onChange?.()
    if (seg[0] !== 'v2') throw gerr(404, 'The resource could not be found.')
    const [, first, id, sub, extra] = seg

    if (first === 'info') {
      req.resume()
      if (id === 'import') return ok(200, {'import-methods': {description: 'Import methods available.', type: 'array', value: importMethods}})
      if (id === 'stores') return ok(200, {stores: [{id: 'fs', default: 'true'}]})
      throw gerr(404, 'The resource could not be found.')
    }
    if (first === 'schemas') {
      req.resume()
      if (id === 'image' || id === 'images') {
        const image = {name: 'image', additionalProperties: {type: 'string'}, properties: Object.fromEntries([...CORE_WRITABLE, ...READ_ONLY].map((k) => [k, {}]))}
        return ok(200, id === 'image' ? image : {name: 'images', properties: {images: {type: 'array', items: image}}, links: [{rel: 'first', href: '{first}'}, {rel: 'next', href: '{next}'}]})
      }
      throw gerr(404, 'The resource could not be found.')
    }
    if (first !== 'images') throw gerr(404, 'The resource could not be found.')

    if (id === undefined) {
      if (method === 'GET') {
        req.resume()
        return ok(200, list(ctx, url.searchParams))
      }
      if (method === 'POST') {
        const body = await jsonBody(req)
        if (!body || typeof body !== 'object' || Array.isArray(body)) throw gerr(400, 'Body expected in request.')
        const b = body as Record<string, unknown>
        for (const k of Object.keys(b)) {
          if (READ_ONLY.has(k)) throw gerr(403, `Attribute '${k}' is read-only.`)
          if (k.startsWith('os_glance')) throw gerr(403, `Attribute '${k}' is reserved.`)
        }
        for (const k of ['name', 'disk_format', 'container_format', 'visibility', 'min_ram', 'min_disk', 'protected', 'tags', 'os_hidden', 'id']) if (k in b) checkCore(k, b[k])
        if (b.visibility === 'public' && !ctx.isAdmin) throw gerr(403, 'You are not authorized to complete publicize_image action.')
        if (b.owner !== undefined && b.owner !== ctx.projectId && !ctx.isAdmin) throw gerr(403, "You are not permitted to create images owned by '" + String(b.owner) + "'.")
        if (b.id !== undefined && s.get(String(b.id))) throw gerr(409, `Image with identifier ${b.id} already exists!`)
        const properties: Record<string, string> = {}
        for (const [k, v] of Object.entries(b)) {
          if (CORE_WRITABLE.has(k)) continue
          if (typeof v !== 'string') throw schemaError(k, v, "is not of type 'string'")
          properties[k] = v
        }
        const img = s.create({
          id: b.id as string | undefined,
          name: (b.name as string | null | undefined) ?? null,
          disk_format: (b.disk_format as string | undefined) ?? null,
          container_format: (b.container_format as string | undefined) ?? null,
          visibility: (b.visibility as ImageRecord['visibility'] | undefined) ?? 'shared',
          protected: (b.protected as boolean | undefined) ?? false,
          min_ram: (b.min_ram as number | undefined) ?? 0,
          min_disk: (b.min_disk as number | undefined) ?? 0,
          os_hidden: (b.os_hidden as boolean | undefined) ?? false,
          owner: (b.owner as string | undefined) ?? ctx.projectId,
          tags: (checkCore('tags', b.tags ?? []) as string[]),
          properties,
        })
        changed()
        return ok(201, imageView(img), {Location: `${origin(req)}/v2/images/${img.id}`, 'OpenStack-image-import-methods': importMethods.join(',')})
      }
      req.resume()
      throw gerr(405, 'The method specified is not allowed for this resource.', {Allow: 'GET, POST'})
    }

    settle()
    if (sub === undefined) {
      if (method === 'GET') {
        req.resume()
        return ok(200, imageView(find(ctx, id)))
      }
      if (method === 'PATCH') {
        const type = String(req.headers['content-type'] ?? '').split(';')[0].trim()
        if (!['application/openstack-images-v2.1-json-patch', 'application/openstack-images-v2.0-json-patch'].includes(type)) {
          req.resume()
          throw gerr(415, `Unsupported Content-Type`, {'Accept-Patch': 'application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch'})
        }
        const img = find(ctx, id)
        const ops = await jsonBody(req)
        mustOwn(ctx, img, 'modify')
        applyPatch(ctx, img, ops)
        changed()
        return ok(200, imageView(img))
      }
      if (method === 'DELETE') {
        req.resume()
        const img = find(ctx, id, `Failed to find image ${id} to delete`)
        mustOwn(ctx, img, 'delete')
        if (img.protected) throw gerr(403, `Image ${id} is protected and cannot be deleted.`)
        s.remove(id)
        changed()
        return noContent()
      }
      req.resume()
      throw gerr(405, 'The method specified is not allowed for this resource.', {Allow: 'GET, PATCH, DELETE'})
    }

    if (sub === 'file') {
      if (method === 'GET') {
        req.resume()
        const img = find(ctx, id)
        const bytes = s.blobs.get(img.id)
        if (img.status === 'deactivated' && !ctx.isAdmin) throw gerr(403, 'The requested image has been deactivated. Image data download is forbidden.')
        if (!bytes) {
          res.writeHead(204, {...hdr, 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': '0'})
          res.end()
          return
        }
        res.writeHead(200, {...hdr, 'Content-Type': 'application/octet-stream', 'Content-MD5': img.checksum ?? '', 'Content-Length': String(bytes.length)})
        res.end(bytes)
        return
      }
      if (method === 'PUT') {
        const type = String(req.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim()
        if (type !== 'application/octet-stream') {
          req.resume()
          throw gerr(415, `Content type ${type} is not supported`)
        }
        const img = find(ctx, id)
        mustOwn(ctx, img, 'upload data to')
        if (img.status !== 'queued') {
          req.resume()
          throw gerr(409, `Image status transition from ${img.status} to saving is not allowed`)
        }
        if (!img.container_format || !img.disk_format) {
          req.resume()
          throw gerr(400, 'Properties container_format and disk_format must be set prior to saving data.')
        }
        const bytes = await readBody(req, 1024 * 1024 * 1024)
        s.setData(img, bytes)
        changed()
        return noContent()
      }
      req.resume()
      throw gerr(405, 'The method specified is not allowed for this resource.', {Allow: 'GET, PUT'})
    }
    if (sub === 'stage' && method === 'PUT') {
      const img = find(ctx, id)
      mustOwn(ctx, img, 'stage data for')
      if (img.status !== 'queued') {
        req.resume()
        throw gerr(409, `Image status transition from ${img.status} to uploading is not allowed`)
      }
      const staged = await readBody(req, 1024 * 1024 * 1024)
      s.staged.set(img.id, staged)
      img.size = staged.length
      img.status = 'uploading'
      img.updated_at = s.stamp()
      changed()
      return noContent()
    }
    if (sub === 'import' && method === 'POST') {
      const img = find(ctx, id)
      await importImage(ctx, img, req)
      changed()
      return noContentStatus(202)
    }
    req.resume()
    if (sub === 'tags' && extra !== undefined) {
      const img = find(ctx, id)
      mustOwn(ctx, img, 'modify')
      if (method === 'PUT') {
        if (!img.tags.includes(extra)) img.tags.push(extra)
        img.updated_at = s.stamp()
        changed()
        return noContent()
      }
      if (method === 'DELETE') {
        if (!img.tags.includes(extra)) throw gerr(404, `Tag ${extra} not found.`)
        img.tags = img.tags.filter((t) => t !== extra)
        img.updated_at = s.stamp()
        changed()
        return noContent()
      }
    }
    if (sub === 'actions' && method === 'POST' && (extra === 'deactivate' || extra === 'reactivate')) {
      const img = find(ctx, id)
      if (!ctx.isAdmin) throw gerr(403, `You are not authorized to complete ${extra} action.`)
      if (extra === 'deactivate') {
        if (!['active', 'deactivated'].includes(img.status)) throw gerr(403, `Not allowed to deactivate image in status '${img.status}'`)
        img.status = 'deactivated'
      } else {
        if (!['active', 'deactivated'].includes(img.status)) throw gerr(403, `Not allowed to reactivate image in status '${img.status}'`)
        img.status = 'active'
      }
      img.updated_at = s.stamp()
      changed()
      return noContent()
    }
    if (sub === 'members' && method === 'GET') {
      find(ctx, id)
      return ok(200, {members: [], schema: '/v2/schemas/members'})
    }
    throw gerr(404, 'The resource could not be found.')
  }

  return {
    store: s,
    async handle(req, res) {
      const reqId = requestId()
      try {
        const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname.replace(/\/+$/, '')
        if (path === '' || path === '/versions') {
          req.resume()
          const base = origin(req)
          const versions = VERSIONS.map((v, i) => ({id: `v${v}`, status: i === 0 ? 'CURRENT' : 'SUPPORTED', links: [{rel: 'self', href: `${base}/v2/`}]}))
          return sendJson(res, path === '' ? 300 : 200, {versions})
        }
        const token = authToken(req)
        const info = token ? await opts.auth.validate(token) : undefined
        if (!info) {
          req.resume()
          return sendWebobError(
            req,
            res,
            401,
            'This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required.',
            {'WWW-Authenticate': `Keystone uri="${opts.keystoneUri}"`},
          )
        }
        await route(req, res, reqId, info)
      } catch (err) {
        req.resume()
        const e = err instanceof SimHttpError ? err : new SimHttpError(500, 'The server has either erred or is incapable of performing the requested operation.')
        if (!(err instanceof SimHttpError)) console.error(`glance sim (${s.region}):`, err)
        sendWebobError(req, res, e.status, e.message, {'X-Openstack-Request-Id': reqId, ...e.headers})
      }
    },
  }
}
