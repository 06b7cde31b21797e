// Python's json.dumps(value, indent=2) / json.dumps(value) as cliff calls it: ASCII-only output
// (every character outside space..~ escaped as \uXXXX, lower-case hex, surrogate pairs above
// U+FFFF), ", " and ": " separators on one line, or newlines and 2-space indents with "," at line
// ends; [] and {} for empty containers; NaN/Infinity spelled as Python does.

import {dictEntries, isDictLike, isNumber, isPyInt, pyFloatRepr} from './python.js'

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}

export function jsonString(s: string): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    const code = s.charCodeAt(i) // UTF-16 units: astral characters come out as surrogate pairs
    const short = SHORT_ESCAPES[ch]
    if (short !== undefined) out += short
    else if (code < 0x20 || code > 0x7e) out += '\\u' + code.toString(16).padStart(4, '0')
    else out += ch
  }
  return out + '"'
}

function jsonNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString()
  if (Number.isNaN(n)) return 'NaN'
  if (n === Infinity) return 'Infinity'
  if (n === -Infinity) return '-Infinity'
  if (isPyInt(n)) return String(n === 0 ? 0 : n)
  return pyFloatRepr(n)
}

function encode(value: unknown, indent: number | undefined, level: number): string {
  if (value === null || value === undefined) return 'null'
  if (value === true) return 'true'
  if (value === false) return 'false'
  if (typeof value === 'string') return jsonString(value)
  if (isNumber(value)) return jsonNumber(value)
  let items: string[]
  let open: string
  let close: string
  if (Array.isArray(value) || value instanceof Set) {
    items = [...value].map((v) => encode(v, indent, level + 1))
    open = '['
    close = ']'
  } else if (isDictLike(value)) {
    items = dictEntries(value).map(([k, v]) => jsonString(k) + ': ' + encode(v, indent, level + 1))
    open = '{'
    close = '}'
  } else if (value instanceof Date) {
    return jsonString(value.toISOString())
  } else {
    return jsonString(String(value))
  }
  if (items.length === 0) return open + close
  if (indent === undefined) return open + items.join(', ') + close
  const inner = '\n' + ' '.repeat(indent * (level + 1))
  return open + inner + items.join(',' + inner) + '\n' + ' '.repeat(indent * level) + close
}

/** json.dumps(value, indent=indent); indent undefined gives the one-line form. */
export function pyJsonDumps(value: unknown, indent?: number): string {
  return encode(value, indent, 0)
}
