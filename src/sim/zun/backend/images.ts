import type {GlanceImage} from '../../backends/glance.js'
import {errors} from '../errors.js'
import type {Caller} from '../policy.js'
import type {ZunState} from './state.js'

/**
 * Images as compute sees them: the docker reference format, what the Glance driver finds for
 * `image_driver=glance`, and what the emulated Docker Hub answers to a search.
 */

const DOCKER_REFERENCE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/

/** The only image error Zun raises synchronously on create (400). */
export function checkImageReference(image: string, driver: string): void {
  if (driver === 'glance') return
  if (!DOCKER_REFERENCE.test(image)) throw errors.invalidValue(`The format of image name '${image}' is invalid.`)
}

/** `repo[:tag]` → [repo, tag] (the tag defaults to `latest`). */
export function splitRepoTag(ref: string): [string, string] {
  const at = ref.lastIndexOf(':')
  if (at > ref.lastIndexOf('/') && at > 0) return [ref.slice(0, at), ref.slice(at + 1)]
  return [ref, 'latest']
}

export function imageVisible(caller: Caller, i: GlanceImage): boolean {
  return caller.isAdmin || i.owner === caller.projectId || i.visibility === 'public' || i.visibility === 'community'
}

/**
 * What zun-compute's Glance driver finds for `ident` (an id or a name): only images with
 * `container_format=docker` count. Returns the failure compute would report, or the image.
 */
export async function lookUpGlanceImage(
  state: ZunState,
  caller: Caller,
  ident: string,
): Promise<{image: GlanceImage} | {error: string}> {
  const found = (await state.glance.findImages(ident)).filter(
    (i) => imageVisible(caller, i) && i.container_format === 'docker',
  )
  if (found.length === 0) return {error: `Image ${ident} could not be found.`}
  if (found.length > 1) return {error: 'Multiple images exist with same name. Please use the image id instead.'}
  if (found[0].status !== 'active') {
    return {error: `Cannot download image from glance: image ${found[0].id} is ${found[0].status}, not active`}
  }
  return {image: found[0]}
}

/** What the emulated Docker Hub knows, for `image search` with the docker driver. */
export const DOCKER_HUB: Array<{name: string; description: string; is_official: boolean; star_count: number}> = [
  {name: 'cirros', description: 'CirrOS is a Tiny OS that specializes in running on a cloud.', is_official: false, star_count: 44},
  {name: 'nginx', description: 'Official build of Nginx.', is_official: true, star_count: 19_000},
  {name: 'ubuntu', description: 'Ubuntu is a Debian-based Linux operating system based on free software.', is_official: true, star_count: 16_000},
  {name: 'busybox', description: 'Busybox base image.', is_official: true, star_count: 3000},
  {name: 'alpine', description: 'A minimal Docker image based on Alpine Linux.', is_official: true, star_count: 10_000},
  {name: 'debian', description: 'Debian is a Linux distribution.', is_official: true, star_count: 4900},
  {name: 'python', description: 'Python is an interpreted, interactive, object-oriented language.', is_official: true, star_count: 9000},
  {name: 'redis', description: 'Redis is an open source key-value store.', is_official: true, star_count: 12_000},
]

