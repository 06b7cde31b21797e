import type {ServiceClient} from '../../http/service-client.js'

import {pathSegment} from '../../http/service-client.js'
import {adminOnly, asList, commonFilters, listZun, pyBool, ZUN_JSON_HEADERS, type ZunPageOptions, type ZunQuery, zunDelete, zunGet} from './common.js'

// --- types: the image as Zun returns it ---
export interface ZunImage {
  uuid: string
  image_id: string | null
  repo: string
  tag: string | null
  size: string | number | null
  project_id?: string
  image_pull_policy?: string | null
  host?: string
  [key: string]: unknown
}

/** One `image search` hit: a Docker Hub result (`name`, `description`, `metadata`…) or a Glance image (`id`, `name`, `tags`…). */
export type ImageSearchResult = Record<string, unknown>

export interface PullImageOpts {
  /** `<image>`: the repository, with an optional `:tag`. */
  repo: string
  /** `<host>`: name or UUID of the compute host. */
  host: string
}

export interface SearchImageOpts {
  imageDriver?: string
  exactMatch?: boolean
}

// --- paths ---
/** The collection keeps zunclient's trailing slash: `/v1/images/`. */
const root = () => '/images/'
const item = (id: string) => `/images/${pathSegment('image UUID', id)}`

// --- verbs ---
export async function listImages(c: ServiceClient, p: ZunPageOptions = {}): Promise<ZunImage[]> {
  const query = commonFilters(p)
  return adminOnly(listZun<ZunImage>(c, root(), 'images', query, p.limit))
}

export async function getImage(c: ServiceClient, id: string): Promise<ZunImage> {
  const path = item(id)
  return adminOnly(zunGet<ZunImage>(c, path))
}

/** `POST /v1/images/` `{"repo", "host"}` → 202 with the image (admin only). */
export async function pullImage(c: ServiceClient, o: PullImageOpts): Promise<ZunImage> {
  const res = await adminOnly(c.request('POST', root(), {json: {repo: o.repo, host: o.host}, headers: {...ZUN_JSON_HEADERS}}))
  return res.data as ZunImage
}

/**
 * `GET /v1/images/{name}/search?[image_driver=…&]exact_match=False|True`: a bare JSON array.
 * zunclient also sends the JSON body `null` on this GET; fetch cannot send a body with a GET, and
 * the server reads nothing from it.
 */
export async function searchImages(c: ServiceClient, name: string, o: SearchImageOpts = {}): Promise<ImageSearchResult[]> {
  const query: ZunQuery = {image_driver: o.imageDriver, exact_match: pyBool(o.exactMatch ?? false)}
  return asList<ImageSearchResult>(await zunGet<unknown>(c, `/images/${pathSegment('image name', name)}/search`, query))
}

/** `DELETE /v1/images/{uuid}` → 200 `null` (admin only). */
export async function deleteImage(c: ServiceClient, id: string): Promise<void> {
  const path = item(id)
  return adminOnly(zunDelete(c, path))
}
