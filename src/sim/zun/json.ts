/**
 * JSON as Zun (Python) writes it, for the one place where JavaScript differs: floats. Python writes
 * `cpu: 1.0`, JavaScript `1`; clients that print the value (OSC shows `1.0`) would differ. A
 * `PyFloat` in a response body is written with a decimal point.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value
  }
}

export function pyFloat(value: number): PyFloat {
  return new PyFloat(value)
}

export function toPythonJson(value: unknown): string {
  if (value instanceof PyFloat) {
    const v = value.value
    if (!Number.isFinite(v)) return 'null'
    return Number.isInteger(v) ? `${v}.0` : String(v)
  }
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map((v) => toPythonJson(v === undefined ? null : v)).join(', ')}]`
  if (typeof value === 'object') {
    const parts: string[] = []
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue
      parts.push(`${JSON.stringify(k)}: ${toPythonJson(v)}`)
    }
    return `{${parts.join(', ')}}`
  }
  return JSON.stringify(value)
}
