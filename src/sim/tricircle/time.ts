/**
 * Timestamps as the server serialises them: `YYYY-MM-DD HH:MM:SS`, UTC, no `T`, no `Z`. The
 * emulated database is MySQL, as in real deployments: its `DATETIME` columns hold whole seconds
 * (rounded, as MySQL rounds on insert). Tricircle on SQLite (its unit tests, devstack without
 * MySQL) would keep microseconds, accept routings to pods that do not exist and let a pod that
 * routings use be deleted; that mode is not emulated.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

function wholeSeconds(d: Date): string {
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  )
}

/** A `DateTime` column value (routings' created_at / updated_at). */
export function formatColumnTime(d: Date): string {
  return wholeSeconds(new Date(Math.round(d.getTime() / 1000) * 1000))
}

/** A job timestamp: one-second resolution (truncated). */
export function formatJobTime(d: Date): string {
  return wholeSeconds(new Date(Math.floor(d.getTime() / 1000) * 1000))
}

/**
 * A datetime string as MySQL would accept it for a `DATETIME` column (`YYYY-MM-DD`, optionally with
 * ` HH:MM:SS[.ffffff]` or `T`), normalised to the column's format; undefined when MySQL would refuse it.
 */
export function parseMysqlDateTime(s: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?$/.exec(s.trim())
  if (!m) return undefined
  const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((x) => Number(x ?? 0))
  const frac = m[7] ? Number(`0.${m[7]}`) : 0
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) {
    return undefined
  }
  return wholeSeconds(new Date(ms + Math.round(frac) * 1000))
}
