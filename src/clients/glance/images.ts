import type {ServiceClient} from '../../http/service-client.js'

import {UsageError} from '../../core/errors.js'
import {find} from '../../core/find.js'
import {listAll, paging} from '../../http/paginate.js'

// --- types: the image as Glance v2 returns it (wire names kept; extra properties are top-level keys) ---
export interface Image {
  id: string
  name: string | null
  status: string
  visibility: string
  protected: boolean
  os_hidden?: boolean
  checksum: string | null
  os_hash_algo?: string | null
  os_hash_value?: string | null
  size: number | null
  virtual_size?: number | null
  min_disk: number
  min_ram: number
  disk_format: string | null
  container_format: string | null
  owner: string
  tags: string[]
  created_at: string
  updated_at: string
  file?: string
  schema?: string
  self?: string
  [key: string]: unknown
}

/** What `openstack image create` can send (the record only; the data goes up with uploadImageData). */
export interface CreateImageOpts {
  name: string
  id?: string
  disk_format?: string
  container_format?: string
  visibility?: string
  protected?: boolean
  min_disk?: number
  min_ram?: number
  tags?: string[]
  /** Extra properties, sent as top-level string keys. */
  properties?: Record<string, string>
}

export interface ListImagesQuery {
  name?: string
  visibility?: string
  status?: string
  tag?: string[]
  os_hidden?: boolean
  member_status?: string
  owner?: string
  /** Page size (Glance's default is 25, its maximum `api_limit_max`, 1000 by default). */
  limit?: number
}

/** One RFC 6902 operation, as Glance's `application/openstack-images-v2.1-json-patch` takes them. */
export interface PatchOp {
  op: 'add' | 'replace' | 'remove'
  path: string
  value?: unknown
}

export {CONTAINER_FORMATS, DISK_FORMATS} from './formats.js'
export const PATCH_CONTENT_TYPE = 'application/openstack-images-v2.1-json-patch'

// --- paths ---
const root = () => '/images'
const item = (id: string) => `/images/${encodeURIComponent(id)}`
const data = (id: string) => `${item(id)}/file`
const action = (id: string, name: 'deactivate' | 'reactivate') => `${item(id)}/actions/${name}`

// --- verbs ---
export async function listImages(c: ServiceClient, q: ListImagesQuery = {}): Promise<Image[]> {
  const query = {
    name: q.name,
    visibility: q.visibility,
    status: q.status,
    tag: q.tag?.length ? q.tag : undefined,
    os_hidden: q.os_hidden ? 'true' : undefined,
    member_status: q.member_status,
    owner: q.owner,
    limit: q.limit,
  }
  return listAll<Image>(c, paging.glanceNext, root(), {key: 'images', query})
}

export async function getImage(c: ServiceClient, id: string): Promise<Image> {
  return c.get<Image>(item(id))
}

/**
 * POST /v2/images. The body is what the openstack client (openstacksdk) sends, including its
 * `owner_specified.openstack.*` stamps with empty checksums (it does not hash the file either).
 */
export async function createImage(c: ServiceClient, opts: CreateImageOpts): Promise<Image> {
  return (await c.request('POST', root(), {json: createBody(opts)})).data as Image
}

export function createBody(opts: CreateImageOpts): Record<string, unknown> {
  const body: Record<string, unknown> = {name: opts.name}
  if (opts.id) body.id = opts.id
  if (opts.disk_format) body.disk_format = opts.disk_format
  if (opts.container_format) body.container_format = opts.container_format
  if (opts.visibility) body.visibility = opts.visibility
  if (opts.protected !== undefined) body.protected = opts.protected
  if (opts.min_disk) body.min_disk = opts.min_disk
  if (opts.min_ram) body.min_ram = opts.min_ram
  if (opts.tags?.length) body.tags = opts.tags
  for (const [k, v] of Object.entries(opts.properties ?? {})) body[k] = v
  body['owner_specified.openstack.md5'] = ''
  body['owner_specified.openstack.sha256'] = ''
  body['owner_specified.openstack.object'] = `images/${opts.name}`
  return body
}

/** PATCH with JSON-patch operations; returns the updated image. No operations: no request. */
export async function updateImage(c: ServiceClient, id: string, ops: PatchOp[]): Promise<Image | undefined> {
  if (ops.length === 0) return undefined
  return (await c.request('PATCH', item(id), {json: ops, headers: {'Content-Type': PATCH_CONTENT_TYPE}})).data as Image
}

export async function deleteImage(c: ServiceClient, id: string): Promise<void> {
  await c.delete(item(id))
}

export async function deactivateImage(c: ServiceClient, id: string): Promise<void> {
  await c.request('POST', action(id, 'deactivate'))
}

export async function reactivateImage(c: ServiceClient, id: string): Promise<void> {
  await c.request('POST', action(id, 'reactivate'))
}

/** `GET /v2/info/import`: the import methods this Glance offers (none when it does not say). */
export async function getImportMethods(c: ServiceClient): Promise<string[]> {
  const info = await c.get<{'import-methods'?: {value?: string[]}}>('/info/import')
  return info?.['import-methods']?.value ?? []
}

/** `POST /v2/images/{id}/import` with an interoperable import method (`glance-download`: from another region's Glance). */
export async function importImage(c: ServiceClient, id: string, method: {name: string; [key: string]: unknown}): Promise<void> {
  await c.post(`${item(id)}/import`, {method})
}

/**
 * PUT /v2/images/{id}/file from a stream (never buffered, never retried). With `size`, the
 * request carries a Content-Length as the openstack client's does; without, it is chunked.
 */
export async function uploadImageData(c: ServiceClient, id: string, body: ReadableStream<Uint8Array>, size?: number): Promise<void> {
  const headers: Record<string, string> = {'Content-Type': 'application/octet-stream'}
  if (size !== undefined) headers['Content-Length'] = String(size)
  await c.request('PUT', data(id), {body, headers})
}

/** GET /v2/images/{id}/file, the body unread. `stream` is undefined when the image has no data (204). */
export async function downloadImageData(
  c: ServiceClient,
  id: string,
): Promise<{stream?: ReadableStream<Uint8Array>; size?: number; contentMd5?: string}> {
  const res = await c.request('GET', data(id), {stream: true, headers: {Accept: 'application/octet-stream'}})
  if (res.status === 204 || !res.stream) {
    await res.stream?.cancel().catch(() => undefined)
    return {}
  }
  const len = res.headers.get('content-length')
  return {stream: res.stream, size: len === null ? undefined : Number(len), contentMd5: res.headers.get('content-md5') ?? undefined}
}

/**
 * openstacksdk's find: GET by ID, then `?name=`, then (as the SDK does) among hidden images,
 * which Glance leaves out of lists unless asked; "No Image found for X" or an ambiguity error.
 */
export async function findImage(c: ServiceClient, nameOrId: string): Promise<Image> {
  const list = async (name: string) => {
    const visible = await listImages(c, {name})
    if (visible.some((i) => i.name === name)) return visible
    return listImages(c, {name, os_hidden: true})
  }
  return find({resource: 'Image', get: (id) => getImage(c, id), list}, nameOrId)
}

// --- helpers the commands share ---

/**
 * osc-lib's simple_filter, as `openstack image list --property k=v` applies it (client side): an
 * image is kept when its field or property `k` is a non-empty string equal to `v` (so numbers
 * and booleans never match, as in Python where 5 != '5').
 */
export function filterByProperties(images: Image[], props: Record<string, string>): Image[] {
  const entries = Object.entries(props)
  if (entries.length === 0) return images
  return images.filter((img) =>
    entries.every(([k, v]) => {
      const actual = img[k]
      return typeof actual === 'string' && actual !== '' && actual === v
    }),
  )
}

/** openstacksdk attribute names that `--sort` accepts, and the Glance field each one reads. */
const SORT_ALIASES: Record<string, string> = {
  owner_id: 'owner',
  is_protected: 'protected',
  is_hidden: 'os_hidden',
  hash_algo: 'os_hash_algo',
  hash_value: 'os_hash_value',
  instance_id: 'instance_uuid',
}

const SORTABLE = new Set([
  'id', 'name', 'status', 'visibility', 'protected', 'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value',
  'size', 'virtual_size', 'min_disk', 'min_ram', 'disk_format', 'container_format', 'owner', 'tags',
  'created_at', 'updated_at', 'file', 'schema', 'architecture', 'kernel_id', 'ramdisk_id', 'os_distro',
  'os_version', 'instance_uuid', 'hypervisor_type', 'os_type', 'direct_url', 'locations', 'store',
])

export interface SortKey {
  field: string
  descending: boolean
}

/**
 * Parses `--sort key[:asc|desc][,key…]` (osc-lib's sort_items), checking every key and direction
 * before anything is sent.
 */
export function parseSort(sort: string): SortKey[] {
  const out: SortKey[] = []
  for (const part of sort.trim().split(',')) {
    let key = part
    let direction = 'asc'
    if (part.includes(':')) {
      const at = part.indexOf(':')
      key = part.slice(0, at)
      direction = part.slice(at + 1)
      if (!key) throw new UsageError("'<empty string>'' is not a valid sort key")
      if (direction !== 'asc' && direction !== 'desc') {
        throw new UsageError(
          `'${direction || '<empty string>'}' is not a valid sort direction for sort key ${key}, use 'asc' or 'desc' instead`,
        )
      }
    }
    const field = SORT_ALIASES[key] ?? key
    if (!SORTABLE.has(field)) {
      throw new UsageError(`Resource doesn't have field ${key}`, [`sort by one of: ${[...SORTABLE].sort().join(', ')}`])
    }
    out.push({field, descending: direction === 'desc'})
  }
  return out
}

/** Sorts as osc-lib does with `sort_type=str`: by Python str() of each value (None → 'None'), last key first, stable. */
export function sortImages(images: Image[], keys: SortKey[]): Image[] {
  let out = [...images]
  for (const {field, descending} of [...keys].reverse()) {
    const decorated = out.map((img, i) => ({img, i, k: pyStr(img[field])}))
    decorated.sort((a, b) => {
      const c = compareCodePoints(a.k, b.k)
      return (descending ? -c : c) || a.i - b.i
    })
    out = decorated.map((d) => d.img)
  }
  return out
}

function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  return JSON.stringify(v)
}

function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]()
  const ib = b[Symbol.iterator]()
  for (;;) {
    const x = ia.next()
    const y = ib.next()
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0)
    if (d !== 0) return d
  }
}

/** What `openstack image set` can change. Undefined means "leave as is". */
export interface ImageChanges {
  name?: string
  min_disk?: number
  min_ram?: number
  container_format?: string
  disk_format?: string
  protected?: boolean
  visibility?: string
  os_hidden?: boolean
  /** Added to the current tags (duplicates dropped), as the openstack client does. */
  tags?: string[]
  /** Extra properties (strings): architecture, os_distro… and every --property. */
  properties?: Record<string, string>
}

/** The JSON-patch openstacksdk sends for these changes: one `add` per attribute (add replaces an existing member). */
export function buildPatch(current: Image, ch: ImageChanges): PatchOp[] {
  const ops: PatchOp[] = []
  const set = (key: string, value: unknown) => {
    if (value !== undefined) ops.push({op: 'add', path: `/${escapePointer(key)}`, value})
  }
  for (const [k, v] of Object.entries(ch.properties ?? {})) set(k, v)
  set('name', ch.name)
  set('min_disk', ch.min_disk)
  set('min_ram', ch.min_ram)
  set('container_format', ch.container_format)
  set('disk_format', ch.disk_format)
  set('protected', ch.protected)
  set('visibility', ch.visibility)
  set('os_hidden', ch.os_hidden)
  if (ch.tags?.length) {
    const tags = [...(current.tags ?? [])]
    for (const t of ch.tags) if (!tags.includes(t)) tags.push(t)
    set('tags', tags)
  }
  return ops
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}
