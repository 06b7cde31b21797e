/**
 * Timestamps as Zun prints them (zun-api.md §3.1, §10): `str(datetime)` without a zone, e.g.
 * `2026-11-23 05:26:43.008833` in a POST response (microseconds, as held in memory) and
 * `2026-11-23 05:26:43` once read back from the database (whole seconds).
 */

/** A point in time with microseconds (JavaScript dates stop at milliseconds). */
export interface MicroTime {
  ms: number
  /** 0–999: the microseconds beyond `ms`. */
  micro: number
}

export function microTime(date: Date, micro = 0): MicroTime {
  return {ms: date.getTime(), micro}
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

function dateTimePart(ms: number, sep: string): string {
  const d = new Date(ms)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `${sep}${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  )
}

/** POST-response form: Python prints no fraction when the microseconds are zero. */
export function formatFresh(t: MicroTime): string {
  const micros = (((t.ms % 1000) + 1000) % 1000) * 1000 + t.micro
  return micros === 0 ? dateTimePart(t.ms, ' ') : `${dateTimePart(t.ms, ' ')}.${pad(micros, 6)}`
}

/** Database form: whole seconds. */
export function formatStored(t: MicroTime | number): string {
  return dateTimePart(typeof t === 'number' ? t : t.ms, ' ')
}

/** Container action times: `2018-03-04T19:48:49.000000`. */
export function formatActionTime(ms: number): string {
  return `${dateTimePart(ms, 'T')}.000000`
}

/** Docker log timestamps: `2024-01-01T00:00:00.000000000Z`. */
export function formatDockerTime(ms: number): string {
  return `${dateTimePart(ms, 'T')}.${pad(((ms % 1000) + 1000) % 1000, 3)}000000Z`
}
