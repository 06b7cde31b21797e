import {AmbiguousError, ApiError, NotFoundError} from './errors.js'

/** oslo's is_uuid_like: 32 hex digits, with or without the usual hyphens (and optional braces / urn prefix). */
export function isUuidLike(value: string): boolean {
  const v = value.trim().replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1')
  return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v)
}

/** The texts of "none" and "several", as each client family words them. */
export interface FindMessages {
  notFound(resource: string, nameOrId: string): string
  ambiguous(resource: string, nameOrId: string, ids: string[]): string
}

/** openstacksdk's texts, `where` (` in RegionOne`) after the name when one region of several was searched. */
const sdkMessages = (where = ''): FindMessages => ({
  notFound: (resource, x) => `No ${resource} found for ${x}${where}`,
  ambiguous: (resource, x, ids) => `More than one ${resource} exists with the name '${x}'${where}: ${ids.join(', ')}`,
})

/** openstacksdk's texts naming the region searched: `No SecurityGroup found for web in RegionOne`. */
export const sdkMessagesIn = (region: string): FindMessages => sdkMessages(` in ${region}`)

export const findMessages = {
  /** openstacksdk's `find` (and so the `openstack` network and image commands). */
  sdk: sdkMessages(),
  /** osc-lib's `find_resource` (Keystone projects). */
  oscLib: {
    notFound: (resource, x) => `No ${resource} with a name or ID of '${x}' exists.`,
    ambiguous: (resource, x, ids) => `More than one ${resource} exists with the name '${x}': ${ids.join(', ')}`,
  },
  /** python-octaviaclient's lookup: the resource is its collection name (`loadbalancers`, `subnets`). */
  octavia: {
    notFound: (collection, x) => `Unable to locate ${x} in ${collection}`,
    ambiguous: (collection, x, ids) => `${ids.length} ${collection} found with name or ID of ${x}. Please try again with UUID`,
  },
} satisfies Record<string, FindMessages>

export interface FindSpec<T> {
  /** What the messages call it (`Network`, `project`, `loadbalancers`…); NotFoundError.resource. */
  resource: string
  /** GET by ID (left out: a lookup by name only). */
  get?: (id: string) => Promise<T>
  /** The list filtered by name (the server's filter; the match is checked here again). */
  list: (name: string) => Promise<T[]>
  /** The attribute that holds the name (`name`; floating IPs: `floating_ip_address`). */
  nameAttr?: string
  /** Whether the value may be an ID, worth a GET (python-octaviaclient: UUIDs only). Default: always. */
  mayBeId?: (value: string) => boolean
  messages?: FindMessages
}

/**
 * openstacksdk's `find`, for every resource: a GET by ID first (a 404, 400 or 403 there means "not
 * an ID"), then the list by name. None: NotFoundError; several: AmbiguousError listing the IDs.
 */
export async function find<T extends {id: string}>(spec: FindSpec<T>, nameOrId: string): Promise<T> {
  const mayBeId = spec.mayBeId?.(nameOrId) ?? true
  if (mayBeId && spec.get) {
    try {
      return await spec.get(nameOrId)
    } catch (error) {
      if (!(error instanceof ApiError) || ![400, 403, 404].includes(error.status)) throw error
    }
  }
  const attr = spec.nameAttr ?? 'name'
  const matches = (await spec.list(nameOrId)).filter((x) => (x as Record<string, unknown>)[attr] === nameOrId)
  const m = spec.messages ?? findMessages.sdk
  if (matches.length === 1) return matches[0]
  if (matches.length === 0) throw new NotFoundError(m.notFound(spec.resource, nameOrId), spec.resource, nameOrId)
  const ids = matches.map((x) => x.id)
  throw new AmbiguousError(m.ambiguous(spec.resource, nameOrId, ids), ids)
}
