/** Methods that may be sent again after a lost or refused answer (a POST may have done its work). */
export const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])

/** Answers worth another try: the service (or its proxy) was briefly unavailable. */
export const RETRY_STATUSES = new Set([502, 503, 504])

/** Exponential backoff between tries: 0.3 s, 0.6 s, 1.2 s… at most 4 s. */
export function backoffMs(retry: number): number {
  return Math.min(300 * 2 ** (retry - 1), 4000)
}

/** `Retry-After` in ms: seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  // An HTTP-date ("Sat, 05 Dec 2026 12:00:30 GMT"); anything else ("-5", "soon") is ignored.
  if (!/^[a-z]{3}, /i.test(value)) return undefined
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** Seconds for people: `3`, `0.3`, `2.5`. */
export function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10)
}
