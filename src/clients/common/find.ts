import {AmbiguousError, ApiError, NotFoundError} from '../../core/errors.js'

export interface Findable {
  id: string
  name?: string | null
}

/**
 * openstacksdk's `find`: GET by ID first, then list with `?name=`. None → "No <Resource> found
 * for <x>"; several → an error listing the matching IDs.
 */
export async function findByNameOrId<T extends Findable>(
  resource: string,
  nameOrId: string,
  getById: (id: string) => Promise<T>,
  listByName: (name: string) => Promise<T[]>,
): Promise<T> {
  try {
    return await getById(nameOrId)
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 400)) throw error
  }
  const matches = (await listByName(nameOrId)).filter((x) => x.name === nameOrId)
  if (matches.length === 1) return matches[0]
  if (matches.length === 0) throw new NotFoundError(`No ${resource} found for ${nameOrId}`, resource, nameOrId)
  throw new AmbiguousError(
    `More than one ${resource} exists with the name '${nameOrId}': ${matches.map((m) => m.id).join(', ')}`,
    matches.map((m) => m.id),
  )
}
