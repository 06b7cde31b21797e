/**
 * How the Python servers the emulators stand for turn values into text, so messages and bodies
 * match byte for byte: `repr()` and `str()` of JSON values (`None`, `True`, `'x'`), `int()`,
 * truthiness, floats that keep their decimal point (`1.0`), and `pprint.pformat` (jsonschema's
 * error reports print the schema with it).
 */

/** A number Python holds as a float: written `1.0`, not `1`, in JSON and in repr. */
export class PyFloat {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value
  }
}

export function pyFloat(value: number): PyFloat {
  return new PyFloat(value)
}

function floatRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan'
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf'
  return Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : String(v)
}

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

/** Python's `repr()` of a JSON value; `sortKeys` as pprint prints dicts. */
export function pyReprValue(v: unknown, sortKeys = false): string {
  if (v === null || v === undefined) return 'None'
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (v instanceof PyFloat) return floatRepr(v.value)
  if (typeof v === 'number') return String(v)
  if (typeof v === 'string') return pyRepr(v)
  if (Array.isArray(v)) return `[${v.map((x) => pyReprValue(x, sortKeys)).join(', ')}]`
  if (typeof v === 'object') {
    return `{${dictItems(v as Record<string, unknown>, sortKeys)
      .map(([k, x]) => `${pyRepr(k)}: ${pyReprValue(x, sortKeys)}`)
      .join(', ')}}`
  }
  return String(v)
}

function dictItems(o: Record<string, unknown>, sortKeys: boolean): Array<[string, unknown]> {
  const items = Object.entries(o)
  return sortKeys ? items.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : items
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
  if (v instanceof PyFloat) return v.value === 0
  if (Array.isArray(v)) return v.length === 0
  if (typeof v === 'object') return Object.keys(v as object).length === 0
  return false
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof PyFloat)
}

/** JSON as Python's `json.dumps` writes it (`, ` and `: ` separators), floats with their decimal point. */
export function toPythonJson(value: unknown): string {
  if (value instanceof PyFloat) return Number.isFinite(value.value) ? floatRepr(value.value) : 'null'
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

/**
 * `pprint.pformat(value, width=72)` (sorted dict keys): the repr when it fits, otherwise one item
 * per line, nested structures indented under their opening bracket, long strings cut at spaces.
 */
export function pformat(value: unknown, width = 72): string {
  const out: string[] = []
  format(value, out, 0, 0, 1, width)
  return out.join('')
}

function format(v: unknown, out: string[], indent: number, allowance: number, level: number, width: number): void {
  const rep = pyReprValue(v, true)
  if (rep.length <= width - indent - allowance) {
    out.push(rep)
    return
  }
  if (Array.isArray(v) && v.length) {
    out.push('[')
    formatItems(v, out, indent, allowance + 1, level, width)
    out.push(']')
  } else if (isPlainObject(v) && Object.keys(v).length) {
    out.push('{')
    const items = dictItems(v, true)
    const inner = indent + 1
    items.forEach(([k, x], i) => {
      const last = i === items.length - 1
      const key = pyRepr(k)
      out.push(key, ': ')
      format(x, out, inner + key.length + 2, last ? allowance + 1 : 1, level + 1, width)
      if (!last) out.push(`,\n${' '.repeat(inner)}`)
    })
    out.push('}')
  } else if (typeof v === 'string' && v.length) {
    formatStr(v, out, indent, allowance, level, width)
  } else {
    out.push(rep)
  }
}

function formatItems(items: unknown[], out: string[], indent: number, allowance: number, level: number, width: number): void {
  const inner = indent + 1
  items.forEach((x, i) => {
    const last = i === items.length - 1
    if (i > 0) out.push(`,\n${' '.repeat(inner)}`)
    format(x, out, inner, last ? allowance : 1, level + 1, width)
  })
}

function formatStr(s: string, out: string[], indent: number, allowance: number, level: number, width: number): void {
  const chunks: string[] = []
  const lines = s.split(/(?<=\n)/)
  if (level === 1) {
    indent += 1
    allowance += 1
  }
  let maxWidth1 = width - indent
  const maxWidth = maxWidth1
  lines.forEach((line, i) => {
    const rep = pyRepr(line)
    if (i === lines.length - 1) maxWidth1 -= allowance
    if (rep.length <= maxWidth1) {
      chunks.push(rep)
      return
    }
    const parts = line.match(/\S*\s*/g)?.filter((p) => p !== '') ?? [line]
    let maxWidth2 = maxWidth
    let current = ''
    parts.forEach((part, j) => {
      const candidate = current + part
      if (j === parts.length - 1 && i === lines.length - 1) maxWidth2 -= allowance
      if (pyRepr(candidate).length > maxWidth2) {
        if (current) chunks.push(pyRepr(current))
        current = part
      } else {
        current = candidate
      }
    })
    if (current) chunks.push(pyRepr(current))
  })
  if (chunks.length === 1) {
    out.push(chunks[0])
    return
  }
  if (level === 1) out.push('(')
  chunks.forEach((c, i) => {
    if (i > 0) out.push(`\n${' '.repeat(indent)}`)
    out.push(c)
  })
  if (level === 1) out.push(')')
}
