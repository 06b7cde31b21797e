import type {ServiceClient} from '../../http/service-client.js'
import type {ImageSource} from './data.js'
import type {CreateImageOpts, Image} from './images.js'

import {ExitCode} from '../../core/exit-codes.js'
import {MrctlError} from '../../core/errors.js'
import {fileBody} from './data.js'
import {createImage, deleteImage, uploadImageData} from './images.js'

export interface CreateWithDataOptions {
  onProgress?: (bytes: number, total: number) => void
  /** Aborting stops the upload; the record is then deleted. */
  signal?: AbortSignal
  /** Told when the record exists (before the upload), and when it was deleted after a failure. */
  onCreated?: (image: Image) => void
  onDeleted?: (image: Image) => void
  chunkSize?: number
}

/**
 * `openstack image create` with a file: POST the record, then PUT the data streamed from disk.
 * Returns the POST response, as the openstack client prints it (status "queued"). If the upload
 * fails or is interrupted, the record is deleted, so nothing half-made is left, and the error
 * says so (or says how to delete the record if that failed too).
 */
export async function createImageWithData(
  c: ServiceClient,
  opts: CreateImageOpts,
  src: ImageSource | undefined,
  o: CreateWithDataOptions = {},
): Promise<Image> {
  let image: Image
  try {
    image = await createImage(c, opts)
  } catch (error) {
    await src?.handle.close().catch(() => undefined)
    throw error
  }
  o.onCreated?.(image)
  if (!src) return image
  try {
    if (o.signal?.aborted) throw o.signal.reason
    const body = fileBody(src, {chunkSize: o.chunkSize, signal: o.signal, onProgress: (n) => o.onProgress?.(n, src.size)})
    await uploadImageData(c, image.id, body, src.size)
  } catch (error) {
    const interrupted = Boolean(o.signal?.aborted)
    const why = interrupted ? 'interrupted' : `failed: ${(error as Error).message}`
    const where = c.region ? ` in ${c.region}` : ''
    try {
      await deleteImage(c, image.id)
      o.onDeleted?.(image)
    } catch (cleanupError) {
      throw new MrctlError(
        `Upload of ${src.path} to image ${image.id}${where} ${why}. Deleting the image record failed too: ${(cleanupError as Error).message}`,
        {
          exitCode: interrupted ? ExitCode.Interrupted : ExitCode.Error,
          code: 'ImageUploadFailed',
          actions: [`delete the record with: mrctl image delete ${image.id}${c.region ? ` --os-region-name ${c.region}` : ''}`],
          data: {id: image.id, region: c.region, deleted: false},
        },
      )
    }
    throw new MrctlError(`Upload of ${src.path} to image ${image.id}${where} ${why}. The image record was deleted.`, {
      exitCode: interrupted ? ExitCode.Interrupted : ExitCode.Error,
      code: 'ImageUploadFailed',
      actions: error instanceof MrctlError ? error.actions : [],
      data: {id: image.id, region: c.region, deleted: true},
    })
  } finally {
    await src.handle.close().catch(() => undefined)
  }
  return image
}
