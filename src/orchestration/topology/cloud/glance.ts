import type {Image} from '../../../clients/glance/images.js'
import type {ServiceClient} from '../../../http/service-client.js'
import type {ObservedResource} from '../model.js'
import type {ImageDoc} from '../schema.js'

import {createImageWithData, deleteImage, listImages, openImageFile, updateImage} from '../../../clients/glance/index.js'
import {ApiError} from '../../../core/errors.js'
import {MARK_KEY, resourceKey} from '../model.js'

/** Every call the topology makes to Glance. */

/** The fields of a Glance image that are not properties. */
const CORE = new Set([
  'id', 'name', 'status', 'visibility', 'protected', 'os_hidden', 'checksum', 'os_hash_algo', 'os_hash_value', 'size', 'virtual_size',
  'min_disk', 'min_ram', 'disk_format', 'container_format', 'owner', 'tags', 'created_at', 'updated_at', 'file', 'schema', 'self',
  'locations', 'direct_url', 'stores',
])

export function imageProperties(img: Image): Record<string, string> {
  return Object.fromEntries(Object.entries(img).filter(([k, v]) => !CORE.has(k) && typeof v === 'string')) as Record<string, string>
}

/** The images of a region that a topology can see (one paginated list). */
export async function observeImages(c: ServiceClient, region: string, projectId: string): Promise<ObservedResource[]> {
  return (await listImages(c)).filter((i) => i.name).map((i) => ({
    key: resourceKey('image', region, i.name ?? ''),
    kind: 'image' as const,
    region,
    name: i.name ?? '',
    id: i.id,
    foreign: Boolean(projectId && i.owner && i.owner !== projectId),
    mark: typeof i[MARK_KEY] === 'string' ? (i[MARK_KEY] as string) : undefined,
    fingerprint: `${i.id}@${i.updated_at}/${i.os_hash_value ?? i.checksum ?? ''}`,
    refs: [],
    attrs: {
      status: i.status,
      container_format: i.container_format,
      disk_format: i.disk_format,
      checksum: i.checksum,
      os_hash_algo: i.os_hash_algo,
      os_hash_value: i.os_hash_value,
      size: i.size,
      properties: imageProperties(i),
    },
  }))
}

/** Creates the image, marked, and streams the file into it; a failed upload deletes the record again. */
export async function uploadImage(
  c: ServiceClient,
  image: ImageDoc,
  path: string,
  topology: string,
  signal?: AbortSignal,
  onProgress?: (bytes: number, total: number) => void,
): Promise<{id: string}> {
  const src = await openImageFile(path)
  const made = await createImageWithData(
    c,
    {
      name: image.name,
      container_format: image.container_format,
      disk_format: image.disk_format,
      properties: {...image.properties, [MARK_KEY]: topology},
    },
    src,
    {signal, onProgress},
  )
  return {id: made.id}
}

/** Sets properties (and, for --adopt, the mark) on an image that exists. */
export async function setImageProperties(c: ServiceClient, id: string, props: Record<string, string>): Promise<void> {
  await updateImage(c, id, Object.entries(props).map(([k, v]) => ({op: 'add' as const, path: `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, value: v})))
}

export async function removeImage(c: ServiceClient, id: string): Promise<void> {
  try {
    await deleteImage(c, id)
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error
  }
}
