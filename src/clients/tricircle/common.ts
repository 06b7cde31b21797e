import {ApiError} from '../../core/errors.js'

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
