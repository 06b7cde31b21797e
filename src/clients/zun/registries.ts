import type {ServiceClient} from '../../http/service-client.js'
import type {ZunPageOptions, ZunQuery} from './common.js'

import {pathSegment} from '../../http/service-client.js'
import {UsageError} from '../../core/errors.js'
import {adminOnly, commonFilters, listZun, ZUN_JSON_HEADERS, zunDelete, zunGet} from './common.js'

// --- types: a private registry as Zun returns it (1.30+); the password always reads `***` ---
export interface Registry {
  uuid: string
  name: string
  domain: string
  username: string | null
  password: string
  user_id?: string
  project_id?: string
  links?: Array<{href: string; rel: string}>
  [key: string]: unknown
}

export interface CreateRegistryOpts {
  name?: string
  domain: string
  username?: string
  password?: string
}

export interface UpdateRegistryOpts {
  username?: string
  password?: string
  name?: string
  domain?: string
}

export interface ListRegistriesOpts extends ZunPageOptions {
  allProjects?: boolean
  name?: string
  domain?: string
  projectId?: string
  userId?: string
  username?: string
}

// --- paths and bodies ---
const root = () => '/registries'
const item = (id: string) => `/registries/${pathSegment('registry', id)}`

/** `{"registry": {name, domain, username, password}}`, the unset keys left out (zunclient's order). */
export function registryCreateBody(o: CreateRegistryOpts): {registry: Record<string, string>} {
  const registry: Record<string, string> = {}
  if (o.name !== undefined) registry.name = o.name
  registry.domain = o.domain
  if (o.username !== undefined) registry.username = o.username
  if (o.password !== undefined) registry.password = o.password
  return {registry}
}

/** `{"registry": {…}}` with the keys given (zunclient's order: username, password, domain, name); at least one. */
export function registryUpdateBody(o: UpdateRegistryOpts): {registry: Record<string, string>} {
  const registry: Record<string, string> = {}
  for (const k of ['username', 'password', 'domain', 'name'] as const) if (o[k] !== undefined) registry[k] = o[k] as string
  if (Object.keys(registry).length === 0) {
    throw new UsageError('You must update at least one property', ['give one or more of --username, --password, --name, --domain'])
  }
  return {registry}
}

/** `all_projects=1`, `limit`, `marker`, `sort_key`, `sort_dir`, then the filters, as zunclient orders them. */
export function registryListQuery(o: ListRegistriesOpts): ZunQuery {
  return {
    ...commonFilters(o, o.allProjects ?? false),
    domain: o.domain,
    name: o.name,
    project_id: o.projectId,
    user_id: o.userId,
    username: o.username,
  }
}

// --- verbs ---
/** `POST /v1/registries` → 201 `{"registry": …}`. */
export async function createRegistry(c: ServiceClient, o: CreateRegistryOpts): Promise<Registry> {
  const res = await c.request('POST', root(), {json: registryCreateBody(o), headers: {...ZUN_JSON_HEADERS}})
  return (res.data as {registry: Registry}).registry
}

/**
 * `GET /v1/registries[?…]`. Unlike zunclient, the filters are kept with `--limit` (it drops them,
 * zun-api.md §1 "Quirk").
 */
export async function listRegistries(c: ServiceClient, o: ListRegistriesOpts = {}): Promise<Registry[]> {
  const list = listZun<Registry>(c, root(), 'registries', registryListQuery(o), o.limit)
  // Only --all-projects is admin-only here.
  return o.allProjects ? adminOnly(list) : list
}

/** By UUID or name (the server resolves either; a name used twice is a 409). */
export async function getRegistry(c: ServiceClient, id: string): Promise<Registry> {
  return (await zunGet<{registry: Registry}>(c, item(id))).registry
}

export async function updateRegistry(c: ServiceClient, id: string, o: UpdateRegistryOpts): Promise<Registry> {
  const path = item(id)
  const json = registryUpdateBody(o)
  return ((await c.request('PATCH', path, {json, headers: {...ZUN_JSON_HEADERS}})).data as {registry: Registry}).registry
}

/** `DELETE /v1/registries/{id}` → 204. */
export async function deleteRegistry(c: ServiceClient, id: string): Promise<void> {
  return zunDelete(c, item(id))
}
