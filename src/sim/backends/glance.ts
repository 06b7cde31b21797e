/**
 * What the emulators need from one region's Glance: image lookup by id or name, a name search,
 * and image creation for `commit`. Real implementation in `glance-http.ts`, in-memory one in
 * `glance-memory.ts`.
 */

export interface GlanceImage {
  id: string
  name: string
  container_format: string | null
  disk_format: string | null
  status: string
  owner: string | null
  visibility: string
  size: number | null
  tags: string[]
  created_at: string
}

export interface CreateImageOpts {
  name: string
  container_format: string
  disk_format: string
  tags?: string[]
  /** The owning project (the emulator's service token may create images for any project). */
  owner?: string
  visibility?: 'private' | 'shared' | 'public' | 'community'
}

export interface GlanceBackend {
  /**
   * By id when `idOrName` looks like a UUID, otherwise by exact name. Every image with that name
   * is returned (several means the name is ambiguous); an unknown id gives an empty list.
   */
  findImages(idOrName: string): Promise<GlanceImage[]>
  /** Images whose name contains `term`, or equals it with `exactMatch`. */
  searchImages(term: string, exactMatch: boolean): Promise<GlanceImage[]>
  createImage(opts: CreateImageOpts): Promise<GlanceImage>
  uploadImage(id: string, data: Uint8Array): Promise<void>
}

export class GlanceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'GlanceError'
  }
}

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

export function isUuidLike(value: string): boolean {
  return UUID_RE.test(value)
}
