/**
 * Small helpers that reproduce how the Python server turns values into text and numbers, so
 * messages match byte for byte (`rather than '4s'`, `{'pod_id'}`, `None`).
 */

/** Python's `repr()` of a str. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = ''
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += `\\${quote}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`
    else out += ch
  }
  return quote + out + quote
}

/** Python's `repr()` of a JSON value. */
export function pyReprValue(v: unknown): string {
  if (v === null || v === undefined) return 'None'
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (typeof v === 'number') return String(v)
  if (typeof v === 'string') return pyRepr(v)
  if (Array.isArray(v)) return `[${v.map(pyReprValue).join(', ')}]`
  if (typeof v === 'object') {
    return `{${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${pyRepr(k)}: ${pyReprValue(x)}`)
      .join(', ')}}`
  }
  return String(v)
}

/** Python's `str()` of a JSON value. */
export function pyStr(v: unknown): string {
  return typeof v === 'string' ? v : pyReprValue(v)
}

/** Python's repr of a set of strings: `{'a', 'b'}`. */
export function pySetRepr(items: string[]): string {
  return `{${items.map(pyRepr).join(', ')}}`
}

/** Python's `int(s)` for a str: surrounding whitespace, a sign and `_` between digits are allowed. */
export function pyInt(s: string): number | undefined {
  if (!/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(s)) return undefined
  return Number(s.trim().replace(/_/g, ''))
}

/** Python truthiness of a JSON value. */
export function pyFalsy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return true
  if (Array.isArray(v)) return v.length === 0
  if (typeof v === 'object') return Object.keys(v as object).length === 0
  return false
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
