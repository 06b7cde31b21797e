import {randomUUID} from 'node:crypto'

import {type CreateImageOpts, type GlanceBackend, GlanceError, type GlanceImage, isUuidLike} from './glance.js'

/** An in-memory Glance for unit tests. `addImage` seeds images; `data` keeps uploaded bytes. */
export class InMemoryGlanceBackend implements GlanceBackend {
  readonly images = new Map<string, GlanceImage>()
  readonly data = new Map<string, Uint8Array>()

  addImage(o: Partial<GlanceImage> & {name: string}): GlanceImage {
    const image: GlanceImage = {
      id: o.id ?? randomUUID(),
      name: o.name,
      container_format: o.container_format === undefined ? 'docker' : o.container_format,
      disk_format: o.disk_format === undefined ? 'raw' : o.disk_format,
      status: o.status ?? 'active',
      owner: o.owner ?? null,
      visibility: o.visibility ?? 'public',
      size: o.size ?? 8192,
      tags: o.tags ?? [],
      created_at: o.created_at ?? '2024-01-01T00:00:00Z',
    }
    this.images.set(image.id, image)
    return image
  }

  async findImages(idOrName: string): Promise<GlanceImage[]> {
    if (isUuidLike(idOrName)) {
      const image = this.images.get(idOrName)
      return image ? [structuredClone(image)] : []
    }
    return [...this.images.values()].filter((i) => i.name === idOrName).map((i) => structuredClone(i))
  }

  async searchImages(term: string, exactMatch: boolean): Promise<GlanceImage[]> {
    return [...this.images.values()]
      .filter((i) => (exactMatch ? i.name === term : i.name.includes(term)))
      .map((i) => structuredClone(i))
  }

  async createImage(o: CreateImageOpts): Promise<GlanceImage> {
    return structuredClone(
      this.addImage({
        name: o.name,
        container_format: o.container_format,
        disk_format: o.disk_format,
        tags: o.tags ?? [],
        owner: o.owner ?? null,
        visibility: o.visibility ?? 'private',
        status: 'queued',
        size: null,
      }),
    )
  }

  async uploadImage(id: string, data: Uint8Array): Promise<void> {
    const image = this.images.get(id)
    if (!image) throw new GlanceError(404, `No image found with ID ${id}`)
    this.data.set(id, data)
    image.size = data.byteLength
    image.status = 'active'
  }
}
