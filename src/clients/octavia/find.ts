import {AmbiguousError, ApiError, NotFoundError} from '../../core/errors.js'

/** oslo's is_uuid_like: 32 hex digits, with or without the usual hyphens (and optional braces / urn prefix). */
export function isUuidLike(value: string): boolean {
  const v = value.trim().replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1')
  return /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(v)
}

export interface Named {
  id: string
  name?: string | null
}

/**
 * python-octaviaclient's lookup: a UUID is tried as an ID first (one GET), then as a name; anything
 * else is a name (`?name=`). None → "Unable to locate <x> in <collection>"; several →
 * "<n> <collection> found with name or ID of <x>. Please try again with UUID" (its exact texts).
 */
export async function findOctavia<T extends Named>(
  collection: string,
  nameOrId: string,
  getById: (id: string) => Promise<T>,
  listByName: (name: string) => Promise<T[]>,
): Promise<T> {
  if (isUuidLike(nameOrId)) {
    try {
      return await getById(nameOrId)
    } catch (error) {
      if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 400)) throw error
    }
  }
  const matches = (await listByName(nameOrId)).filter((x) => x.name === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length === 0) throw new NotFoundError(`Unable to locate ${nameOrId} in ${collection}`, collection, nameOrId)
  throw new AmbiguousError(
    `${matches.length} ${collection} found with name or ID of ${nameOrId}. Please try again with UUID`,
    matches.map((m) => m.id),
  )
}
