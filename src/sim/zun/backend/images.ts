import {randomBytes, randomUUID} from 'node:crypto'

import type {GlanceImage} from '../../backends/glance.js'
import {errors} from '../errors.js'
import type {Caller} from '../policy.js'
import type {ImageRecord, OpContext, ZunState} from './state.js'

/**
 * Images as compute sees them: the docker reference format, what the Glance driver finds for
 * `image_driver=glance`, and what the emulated Docker Hub answers to a search.
 */

const DOCKER_REFERENCE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/

/** Whether Docker would take `image` as a reference (`[registry/]name[:tag][@digest]`, lower-case names). */
export function isDockerReference(image: string): boolean {
  return DOCKER_REFERENCE.test(image)
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


// ---- the images compute pulled (`/v1/images`)

export function findImage(state: ZunState, ident: string): ImageRecord {
  const i = state.images.get(ident)
  if (!i) throw errors.imageNotFound(ident)
  return i
}

/** Images sorted by `sortKey` (`id`: pull order), after `marker`, at most `limit`; `more` says whether others follow. */
export function listImages(state: ZunState, q: {sortKey: string; sortDir: 'asc' | 'desc'; marker: string | null; limit: number}): {page: ImageRecord[]; more: boolean} {
  let list = [...state.images.values()]
  if (q.sortKey !== 'id') {
    const key = q.sortKey as keyof ImageRecord
    list.sort((a, b) => String(a[key] ?? '').localeCompare(String(b[key] ?? '')))
  }
  if (q.sortDir === 'desc') list.reverse()
  if (q.marker) {
    const uuid = findImage(state, q.marker).uuid
    list = list.slice(list.findIndex((i) => i.uuid === uuid) + 1)
  }
  return {page: list.slice(0, q.limit), more: list.length > q.limit}
}

/** `POST /v1/images`: compute pulls `repo[:tag]` on `host`; the Docker id and size show once `create` has passed. */
export function pullImage(state: ZunState, o: {repo: string; host: string; imagePullPolicy: string | null}, op: OpContext): ImageRecord {
  const [repo, tag] = splitRepoTag(o.repo)
  const rec: ImageRecord = {
    uuid: randomUUID(),
    imageId: randomBytes(32).toString('hex'),
    repo,
    tag,
    size: String(5_000_000 + (randomBytes(2).readUInt16BE() << 6)),
    projectId: op.caller.projectId,
    host: o.host,
    imagePullPolicy: o.imagePullPolicy,
    pullAt: op.now + state.config.transitions.create,
  }
  state.images.set(rec.uuid, rec)
  return rec
}

export function deleteImage(state: ZunState, image: ImageRecord): void {
  state.images.delete(image.uuid)
}

export type ImageSearchHit =
  | {driver: 'glance'; image: GlanceImage}
  | {driver: 'docker'; entry: (typeof DOCKER_HUB)[number]}

/** `image search`: Glance's docker-format images the caller sees, or the emulated Docker Hub. */
export async function searchImages(state: ZunState, term: string, o: {driver: 'glance' | 'docker'; exact: boolean; caller: Caller}): Promise<ImageSearchHit[]> {
  if (o.driver === 'glance') {
    const found = (await state.glance.searchImages(term, o.exact)).filter((i) => imageVisible(o.caller, i) && i.container_format === 'docker')
    return found.map((image) => ({driver: 'glance', image}))
  }
  const [repo] = splitRepoTag(term)
  return DOCKER_HUB.filter((e) => (o.exact ? e.name === repo : e.name.includes(repo))).map((entry) => ({driver: 'docker', entry}))
}
