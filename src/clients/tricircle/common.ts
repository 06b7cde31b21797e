import {ApiError, UsageError} from '../../core/errors.js'

/**
 * A path segment for an id. An empty id would make `/pods/`, which the real server answers with
 * an empty 500 (a trailing slash on a collection), so it is refused before anything is sent.
 */
export function idSegment(thing: string, id: string): string {
  if (id.trim() === '') throw new UsageError(`The ${thing} ID must not be empty.`)
  return encodeURIComponent(id)
}

/**
 * Tricircle's admin API answers a caller without the admin role with 401 (pods) or 403
 * (routings, jobs) and "Unauthorized to …": the hint says what would work. `hints` add one for
 * a 400 whose message matches (the valid values, say).
 */
export async function adminCall<T>(p: Promise<T>, hints: Array<[RegExp, string]> = []): Promise<T> {
  try {
    return await p
  } catch (error) {
    if (error instanceof ApiError) {
      if ((error.status === 401 || error.status === 403) && /^Unauthorized to /.test(error.detail)) {
        error.actions.push('the Tricircle admin API needs a token with the admin role: use an admin cloud or profile (--os-cloud)')
      }
      for (const [when, hint] of hints) if (error.status === 400 && when.test(error.detail)) error.actions.push(hint)
    }
    throw error
  }
}
