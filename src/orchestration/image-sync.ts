import type {Image} from '../clients/glance/images.js'
import type {ServiceClient} from '../http/service-client.js'

import {
  createImage,
  deleteImage,
  downloadImageData,
  findImage,
  getImage,
  getImportMethods,
  importImage,
  listImages,
  uploadImageData,
} from '../clients/glance/images.js'
import {MrctlError} from '../core/errors.js'
import {waitFor} from '../http/wait.js'
import {fanout} from './fanout.js'

/**
 * `mrctl image sync`: copies one image from a region's Glance to others. The source is read once
 * and streamed to every target at the same time (no temporary file, bounded memory: the source
 * is read ahead of the slowest target by a few MiB at most); each copy is checked at the end
 * against the source's checksum, as Glance computed both. A target that has an image of the
 * same name and the same checksum is skipped. With --server-side, a target Glance that advertises
 * the glance-download import method fetches the data itself.
 */

export interface SyncClients {
  image(region: string): Promise<ServiceClient>
}

export type TargetAction = 'copy' | 'skip' | 'server-side' | 'refuse'

export interface SyncTarget {
  region: string
  action: TargetAction
  reason?: string
  /** The image already there (skip, refuse). */
  existing?: Image
}

export interface SyncPlan {
  from: string
  source: Image
  targets: SyncTarget[]
}

export interface TargetResult {
  region: string
  action: TargetAction
  status: 'done' | 'skipped' | 'failed' | 'planned'
  id?: string
  checksum?: string
  bytes?: number
  ms?: number
  error?: string
}

/** The checksum Glance reports: the multihash when there is one, else MD5. */
export function checksumOf(img: Pick<Image, 'os_hash_algo' | 'os_hash_value' | 'checksum'>): string | undefined {
  if (img.os_hash_algo && img.os_hash_value) return `${img.os_hash_algo}:${img.os_hash_value}`
  return img.checksum ? `md5:${img.checksum}` : undefined
}

export function sameData(a: Image, b: Image): boolean {
  if (a.os_hash_algo && a.os_hash_algo === b.os_hash_algo && a.os_hash_value) return a.os_hash_value === b.os_hash_value
  return Boolean(a.checksum) && a.checksum === b.checksum
}

/** What each target needs: a pure decision from the source and the images of the same name there. */
export function decideTarget(region: string, source: Image, sameName: Image[], serverSide: {asked: boolean; advertised: boolean}): SyncTarget {
  const same = sameName.find((i) => i.status === 'active' && sameData(source, i))
  if (same) return {region, action: 'skip', reason: `image ${same.id} has the same checksum`, existing: same}
  const other = sameName.find((i) => i.status === 'active' || i.status === 'queued' || i.status === 'saving' || i.status === 'importing')
  if (other) {
    return {
      region,
      action: 'refuse',
      reason: `an image named ${source.name} with other data is there already (${other.id}, ${other.status}): delete or rename it first`,
      existing: other,
    }
  }
  if (serverSide.asked && serverSide.advertised) return {region, action: 'server-side', reason: 'the target Glance fetches it (glance-download)'}
  if (serverSide.asked) return {region, action: 'copy', reason: 'glance-download is not offered here: streamed instead'}
  return {region, action: 'copy'}
}

export async function planImageSync(
  clients: SyncClients,
  ref: string,
  from: string,
  to: string[],
  opts: {serverSide?: boolean} = {},
): Promise<SyncPlan> {
  const targets = [...new Set(to)].filter((r) => r !== from)
  if (targets.length === 0) throw new MrctlError(`no target region other than the source ${from}`, {exitCode: 2, actions: ['name targets with --to REGION, or use --all-regions']})
  const src = await clients.image(from)
  const source = await findImage(src, ref)
  if (source.status !== 'active') throw new MrctlError(`image ${source.name ?? source.id} in ${from} is ${source.status}, not active: it has no data to copy`)
  const decisions = await fanout(targets, async (region) => {
    const c = await clients.image(region)
    const [sameName, advertised] = await Promise.all([
      source.name ? listImages(c, {name: source.name}) : Promise.resolve([]),
      opts.serverSide ? importMethods(c).then((m) => m.includes('glance-download')) : Promise.resolve(false),
    ])
    return decideTarget(region, source, sameName.filter((i) => i.name === source.name), {asked: Boolean(opts.serverSide), advertised})
  })
  return {
    from,
    source,
    targets: decisions.map((d) => (d.ok ? d.value : {region: d.region, action: 'refuse' as const, reason: `cannot read its Glance: ${d.error.message}`})),
  }
}

/** The import methods a Glance offers; none when it cannot say (an old Glance, an error). */
export async function importMethods(c: ServiceClient): Promise<string[]> {
  return getImportMethods(c).catch(() => [])
}

export interface SyncOptions {
  signal?: AbortSignal
  onProgress?: (region: string, bytes: number, total: number) => void
  timeoutMs?: number
}

/** Carries the plan out: one download fanned out to the copies, the server-side imports beside it. */
export async function runImageSync(clients: SyncClients, plan: SyncPlan, opts: SyncOptions = {}): Promise<TargetResult[]> {
  const results = new Map<string, TargetResult>()
  for (const t of plan.targets) {
    if (t.action === 'skip') results.set(t.region, {region: t.region, action: t.action, status: 'skipped', id: t.existing?.id, checksum: checksumOf(t.existing!)})
    if (t.action === 'refuse') results.set(t.region, {region: t.region, action: t.action, status: 'failed', error: t.reason})
  }
  const copies = plan.targets.filter((t) => t.action === 'copy')
  const imports = plan.targets.filter((t) => t.action === 'server-side')
  await Promise.all([
    copies.length ? streamCopies(clients, plan, copies, opts, results) : undefined,
    ...imports.map((t) => serverSideCopy(clients, plan, t, opts).then((r) => results.set(t.region, r))),
  ])
  return plan.targets.map((t) => results.get(t.region)!)
}

/** The record of a copy: the source's formats and properties, and where it came from. */
function copyRecord(source: Image, from: string): Parameters<typeof createImage>[1] {
  const skip = new Set(['id', 'name', 'status', 'visibility', 'protected', 'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value', 'size', 'virtual_size', 'min_disk', 'min_ram', 'disk_format', 'container_format', 'owner', 'tags', 'created_at', 'updated_at', 'file', 'schema', 'self', 'locations', 'direct_url', 'stores'])
  const properties: Record<string, string> = {}
  for (const [k, v] of Object.entries(source)) if (!skip.has(k) && !k.startsWith('os_glance') && !k.startsWith('owner_specified.') && typeof v === 'string') properties[k] = v
  properties['mrctl.synced_from'] = `${from}/${source.id}`
  return {
    name: source.name ?? source.id,
    disk_format: source.disk_format ?? undefined,
    container_format: source.container_format ?? undefined,
    min_disk: source.min_disk,
    min_ram: source.min_ram,
    tags: source.tags,
    properties,
  }
}

async function streamCopies(clients: SyncClients, plan: SyncPlan, targets: SyncTarget[], opts: SyncOptions, results: Map<string, TargetResult>): Promise<void> {
  const started = performance.now()
  // The records first: a target that refuses the record is out before a byte is read.
  const made = await fanout(targets.map((t) => t.region), async (region) => createImage(await clients.image(region), copyRecord(plan.source, plan.from)))
  const live = made.filter((m) => m.ok) as Array<{region: string; ok: true; value: Image}>
  for (const m of made) if (!m.ok) results.set(m.region, {region: m.region, action: 'copy', status: 'failed', error: m.error.message})
  if (live.length === 0) return
  const src = await clients.image(plan.from)
  let downloaded: Awaited<ReturnType<typeof downloadImageData>>
  try {
    downloaded = await downloadImageData(src, plan.source.id)
    if (!downloaded.stream) throw new MrctlError(`image ${plan.source.id} in ${plan.from} has no data`)
  } catch (error) {
    await Promise.all(live.map(async (m) => deleteImage(await clients.image(m.region), m.value.id).catch(() => undefined)))
    for (const m of live) results.set(m.region, {region: m.region, action: 'copy', status: 'failed', error: `reading the source failed: ${(error as Error).message}`})
    return
  }
  const total = downloaded.size ?? plan.source.size ?? 0
  const branches = broadcast(downloaded.stream, live.length, {
    onProgress: (i, bytes) => opts.onProgress?.(live[i].region, bytes, total),
    signal: opts.signal,
  })
  const outcomes = await Promise.all(
    live.map(async (m, i) => {
      try {
        await uploadImageData(await clients.image(m.region), m.value.id, branches[i], total || undefined)
        return {m, ok: true as const}
      } catch (error) {
        await branches[i].cancel().catch(() => undefined)
        return {m, ok: false as const, error: error as Error}
      }
    }),
  )
  for (const o of outcomes) {
    const c = await clients.image(o.m.region)
    const ms = Math.round(performance.now() - started)
    let error = o.ok ? undefined : `upload failed: ${o.error.message}`
    let after: Image | undefined
    // Glance hashes what it stores: a copy whose hash is the source's got every byte right.
    if (!error) {
      after = await getImage(c, o.m.value.id)
      if (!sameData(plan.source, after)) error = `the copy's checksum ${checksumOf(after) ?? 'none'} differs from the source's ${checksumOf(plan.source)}`
    }
    if (error) {
      await deleteImage(c, o.m.value.id).catch(() => undefined)
      results.set(o.m.region, {region: o.m.region, action: 'copy', status: 'failed', error: `${error}; the partial copy ${o.m.value.id} was deleted`, ms})
    } else {
      results.set(o.m.region, {region: o.m.region, action: 'copy', status: 'done', id: after!.id, checksum: checksumOf(after!), bytes: after!.size ?? total, ms})
    }
  }
}

/** glance-download: the target Glance fetches the image from the source region itself. */
async function serverSideCopy(clients: SyncClients, plan: SyncPlan, t: SyncTarget, opts: SyncOptions): Promise<TargetResult> {
  const started = performance.now()
  const c = await clients.image(t.region)
  let id: string | undefined
  try {
    const made = await createImage(c, copyRecord(plan.source, plan.from))
    id = made.id
    await importImage(c, made.id, {name: 'glance-download', glance_image_id: plan.source.id, glance_region: plan.from, glance_service_interface: 'public'})
    const done = await waitFor(() => getImage(c, made.id), {
      until: (i) => i.status === 'active',
      failure: (i) => (typeof i.os_glance_failed_import === 'string' && i.os_glance_failed_import ? `the import failed in ${i.os_glance_failed_import}` : i.status === 'killed' ? 'killed' : undefined),
      timeoutMs: opts.timeoutMs ?? 600_000,
      what: `image ${made.id} in ${t.region} to become active`,
      minDelayMs: 500,
      maxDelayMs: 3000,
      signal: opts.signal,
    })
    if (!sameData(plan.source, done)) throw new MrctlError(`the copy's checksum ${checksumOf(done)} differs from the source's ${checksumOf(plan.source)}`)
    return {region: t.region, action: 'server-side', status: 'done', id: done.id, checksum: checksumOf(done), bytes: done.size ?? undefined, ms: Math.round(performance.now() - started)}
  } catch (error) {
    if (id) await deleteImage(c, id).catch(() => undefined)
    return {region: t.region, action: 'server-side', status: 'failed', error: (error as Error).message, ms: Math.round(performance.now() - started)}
  }
}

/**
 * Splits one stream into `n`, each getting every chunk, with the source read once. Memory is
 * bounded: a chunk is read only while the chunks held (read, not yet taken by every branch
 * still reading) come to less than `windowBytes`, so a slow target holds the others back by at
 * most that much, whatever the sizes. A branch that is cancelled (its upload failed) drops out;
 * the source is cancelled when none is left.
 */
export function broadcast(
  source: ReadableStream<Uint8Array>,
  n: number,
  hooks: {onChunk?: (chunk: Uint8Array) => void; onProgress?: (branch: number, bytes: number) => void; signal?: AbortSignal; windowBytes?: number} = {},
): ReadableStream<Uint8Array>[] {
  const windowBytes = hooks.windowBytes ?? 4 * 1024 * 1024
  const reader = source.getReader()
  const alive = new Set(Array.from({length: n}, (_, i) => i))
  const bytes = Array(n).fill(0) as number[]
  const pos = Array(n).fill(0) as number[]
  const held: Uint8Array[] = []
  let base = 0
  let heldBytes = 0
  let ended = false
  let failure: unknown
  let reading: Promise<void> | undefined
  let waiters: Array<() => void> = []
  const release = () => {
    const w = waiters
    waiters = []
    for (const f of w) f()
  }
  const trim = () => {
    const slowest = Math.min(...[...alive].map((b) => pos[b]))
    while (held.length && base < slowest) {
      heldBytes -= held.shift()!.byteLength
      base++
    }
    release()
  }
  const readOne = () =>
    (reading ??= reader.read().then(
      (r) => {
        reading = undefined
        if (r.done) ended = true
        else {
          hooks.onChunk?.(r.value)
          held.push(r.value)
          heldBytes += r.value.byteLength
        }
        release()
      },
      (error) => {
        reading = undefined
        failure = error
        release()
      },
    ))
  const next = async (i: number): Promise<Uint8Array | undefined> => {
    for (;;) {
      if (failure) throw failure
      const at = pos[i] - base
      if (at < held.length) {
        pos[i]++
        const chunk = held[at]
        trim()
        return chunk
      }
      if (ended) return undefined
      if (hooks.signal?.aborted) throw hooks.signal.reason ?? new Error('aborted')
      if (heldBytes >= windowBytes && held.length > 0) await new Promise<void>((resolve) => waiters.push(resolve))
      else await readOne()
    }
  }
  return Array.from(
    {length: n},
    (_, i) =>
      new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            try {
              const chunk = await next(i)
              if (!chunk) controller.close()
              else {
                bytes[i] += chunk.byteLength
                hooks.onProgress?.(i, bytes[i])
                controller.enqueue(chunk)
              }
            } catch (error) {
              controller.error(error)
            }
          },
          async cancel() {
            alive.delete(i)
            if (alive.size === 0) await reader.cancel().catch(() => undefined)
            else trim()
          },
        },
        {highWaterMark: 0},
      ),
  )
}
