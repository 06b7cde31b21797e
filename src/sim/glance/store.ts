import {createHash, randomUUID} from 'node:crypto'

import {isoSeconds} from '../cloud/http.js'

/**
 * One region's simulated Glance: image records (core attributes plus free-form properties) and
 * their bytes. Records are plain data; the bytes are kept apart (`blobs`) so a snapshot can write
 * them as files or base64.
 */

export interface ImageRecord {
  id: string
  name: string | null
  disk_format: string | null
  container_format: string | null
  visibility: 'public' | 'private' | 'shared' | 'community'
  size: number | null
  virtual_size: number | null
  status: string
  checksum: string | null
  protected: boolean
  min_ram: number
  min_disk: number
  owner: string
  os_hidden: boolean
  os_hash_algo: string | null
  os_hash_value: string | null
  created_at: string
  updated_at: string
  tags: string[]
  /** Free-form properties (`hw_*`, anything a user sets). */
  properties: Record<string, string>
  /** An import in progress: the status it reaches and when (clock ms). */
  pending?: {until: number; status: string; method: string; source?: {region: string; id: string}; failed?: boolean}
  /** Creation order, for the default `created_at` sort of images made in the same second. */
  seq: number
}

export interface GlanceData {
  images: ImageRecord[]
  seq: number
}

export const DISK_FORMATS = ['ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']
export const CONTAINER_FORMATS = ['ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed']
export const IMPORT_METHODS = ['glance-direct', 'web-download', 'copy-image', 'glance-download']

export function emptyGlance(): GlanceData {
  return {images: [], seq: 0}
}

export class GlanceStore {
  /** Image ID → bytes (uploaded, or staged for an import). */
  readonly blobs = new Map<string, Buffer>()
  readonly staged = new Map<string, Buffer>()

  constructor(
    readonly region: string,
    public data: GlanceData,
    readonly now: () => number,
  ) {}

  stamp(): string {
    return isoSeconds(this.now())
  }

  create(o: Partial<ImageRecord> & {owner: string}): ImageRecord {
    const t = this.stamp()
    const img: ImageRecord = {
      id: o.id ?? randomUUID(),
      name: o.name ?? null,
      disk_format: o.disk_format ?? null,
      container_format: o.container_format ?? null,
      visibility: o.visibility ?? 'shared',
      size: null,
      virtual_size: null,
      status: 'queued',
      checksum: null,
      protected: o.protected ?? false,
      min_ram: o.min_ram ?? 0,
      min_disk: o.min_disk ?? 0,
      owner: o.owner,
      os_hidden: o.os_hidden ?? false,
      os_hash_algo: null,
      os_hash_value: null,
      created_at: t,
      updated_at: t,
      tags: o.tags ?? [],
      properties: o.properties ?? {},
      seq: ++this.data.seq,
    }
    this.data.images.push(img)
    return img
  }

  get(id: string): ImageRecord | undefined {
    return this.data.images.find((i) => i.id === id)
  }

  /** Stores the bytes and makes the image active, with the checksums Glance computes. */
  setData(img: ImageRecord, bytes: Buffer): void {
    this.blobs.set(img.id, bytes)
    img.size = bytes.length
    img.checksum = createHash('md5').update(bytes).digest('hex')
    img.os_hash_algo = 'sha512'
    img.os_hash_value = createHash('sha512').update(bytes).digest('hex')
    img.status = 'active'
    img.updated_at = this.stamp()
  }

  remove(id: string): void {
    this.data.images = this.data.images.filter((i) => i.id !== id)
    this.blobs.delete(id)
    this.staged.delete(id)
  }

  /** Finishes imports whose time has come (reads call this; nothing runs in the background). */
  settle(now: number, fetchSource: (region: string, id: string) => Buffer | undefined): void {
    for (const img of this.data.images) {
      const p = img.pending
      if (!p || p.until > now) continue
      delete img.pending
      let bytes: Buffer | undefined
      if (p.method === 'glance-direct') bytes = this.staged.get(img.id)
      else if (p.source) bytes = fetchSource(p.source.region, p.source.id)
      this.staged.delete(img.id)
      if (!bytes || p.failed) {
        img.status = 'queued'
        img.properties.os_glance_failed_import = p.method
        img.properties.os_glance_importing_to_stores = ''
        img.updated_at = this.stamp()
        continue
      }
      this.setData(img, bytes)
      // The import flow inspects the data; a raw image's virtual size is its size.
      if (img.disk_format === 'raw') img.virtual_size = bytes.length
      img.properties.os_glance_importing_to_stores = ''
      img.properties.os_glance_failed_import = ''
    }
  }
}
