import {UsageError} from '../core/errors.js'

/** The longest timer Node can set (2^31-1 ms), in whole seconds: the most --http-timeout can be. */
export const MAX_TIMEOUT_S = 2_147_483

/** Validates a timeout in seconds from a variable as a flag would be (a whole number, 1…MAX). */
export function timeoutSeconds(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const n = Number(value.trim())
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > MAX_TIMEOUT_S) {
    throw new UsageError(`${name}=${value} is not a number of seconds from 1 to ${MAX_TIMEOUT_S}`, [
      `set ${name} to a whole number of seconds, e.g. ${name}=120, or unset it`,
    ])
  }
  return n
}
