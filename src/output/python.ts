// Python-compatible text conversions used by every formatter: str(), repr(), float repr and
// Python's ordering rules for sorting. The openstack client is written in Python, so the bytes it
// prints for a value are Python's str() of that value; these helpers reproduce them for the JSON
// values we get from the APIs (null, booleans, numbers, strings, arrays, plain objects).

/** A plain JSON-like object (what Python would hold as a dict). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/** Entries of a dict-like value, in insertion order. Maps are accepted too. */
export function dictEntries(value: unknown): [string, unknown][] {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [String(k), v])
  return Object.entries(value as Record<string, unknown>)
}

export function isDictLike(value: unknown): boolean {
  return value instanceof Map || isPlainObject(value)
}

/** True for values Python would see as int or float (bool is handled separately). */
export function isNumber(value: unknown): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint'
}

/**
 * Whether a JS number stands for a Python int. JSON does not tell 1 from 1.0, so integral values
 * are taken as ints; beyond 2**53 a JS number cannot hold an exact int, so (as for a JSON value
 * like 1.5e+300, which Python reads as a float) it is taken as a float.
 */
export function isPyInt(value: number): boolean {
  return Number.isSafeInteger(value)
}

/**
 * Python's repr() of a float: the shortest round-trip digits, in fixed notation when the decimal
 * exponent is in [-4, 16), else in exponent notation with at least two exponent digits.
 * Integral numbers (JSON gives no way to tell 1 from 1.0) are printed as Python ints.
 */
export function pyNumberStr(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString()
  if (Number.isNaN(value)) return 'nan'
  if (value === Infinity) return 'inf'
  if (value === -Infinity) return '-inf'
  if (isPyInt(value)) return String(value === 0 ? 0 : value)
  return pyFloatRepr(value)
}

/** repr(float) for a finite number, always as a float (1 -> "1.0"). */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  const negative = value < 0 || Object.is(value, -0)
  const exp = Math.abs(value).toExponential() // shortest round-trip digits, e.g. "1.2345e-7"
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp)
  if (!m) return String(value)
  const digits = m[1] + (m[2] ?? '')
  const e = Number(m[3])
  let body: string
  if (e >= -4 && e < 16) {
    if (e < 0) {
      body = '0.' + '0'.repeat(-e - 1) + digits
    } else if (digits.length <= e + 1) {
      body = digits + '0'.repeat(e + 1 - digits.length) + '.0'
    } else {
      body = digits.slice(0, e + 1) + '.' + digits.slice(e + 1)
    }
  } else {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits
    const absE = Math.abs(e)
    body = mant + 'e' + (e < 0 ? '-' : '+') + (absE < 10 ? '0' : '') + String(absE)
  }
  return (negative ? '-' : '') + body
}

const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0')
}

/** Python's repr() of a str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = quote
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    if (ch === quote || ch === '\\') out += '\\' + ch
    else if (ch === '\t') out += '\\t'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2)
    else if (cp < 0x7f) out += ch
    else if (cp !== 0x20 && NON_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += '\\x' + hex(cp, 2)
      else if (cp <= 0xffff) out += '\\u' + hex(cp, 4)
      else out += '\\U' + hex(cp, 8)
    } else out += ch
  }
  return out + quote
}

/** Python's repr() of a value. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return pyStrRepr(value)
  return pythonStr(value)
}

/**
 * Python's str() of a value: strings as they are, True/False/None, ints and float repr,
 * lists as ['a', 'b'] and dicts as {'k': 'v'} (insertion order, single-quoted reprs inside).
 */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (isNumber(value)) return pyNumberStr(value)
  if (Array.isArray(value)) return '[' + value.map(pyRepr).join(', ') + ']'
  if (value instanceof Set) return value.size === 0 ? 'set()' : '{' + [...value].map(pyRepr).join(', ') + '}'
  if (isDictLike(value)) {
    return '{' + dictEntries(value).map(([k, v]) => pyStrRepr(k) + ': ' + pyRepr(v)).join(', ') + '}'
  }
  if (value instanceof Date) return value.toISOString()
  return String(value)
}

/** Python's repr() of a tuple of strings: ('a', 'b') and ('a',) for one item. */
export function pyTupleRepr(items: readonly unknown[]): string {
  if (items.length === 1) return '(' + pyRepr(items[0]) + ',)'
  return '(' + items.map(pyRepr).join(', ') + ')'
}

/** Python's repr() of a list. */
export function pyListRepr(items: readonly unknown[]): string {
  return '[' + items.map(pyRepr).join(', ') + ']'
}

/** Compare two strings by code point, as Python does (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0
  const ia = a[Symbol.iterator]()
  const ib = b[Symbol.iterator]()
  for (;;) {
    const x = ia.next()
    const y = ib.next()
    if (x.done) return y.done ? 0 : -1
    if (y.done) return 1
    if (x.value !== y.value) return x.value.codePointAt(0)! < y.value.codePointAt(0)! ? -1 : 1
  }
}

/** Raised where Python would raise TypeError: '<' not supported between the two values. */
export class UnorderableTypesError extends Error {}

function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true
  const na = typeof a === 'boolean' ? Number(a) : a
  const nb = typeof b === 'boolean' ? Number(b) : b
  if (isNumber(na) && isNumber(nb)) return Number(na) === Number(nb)
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]))
  }
  if (isDictLike(a) && isDictLike(b)) {
    const ea = dictEntries(a)
    const mb = new Map(dictEntries(b))
    return ea.length === mb.size && ea.every(([k, v]) => mb.has(k) && pyEquals(v, mb.get(k)))
  }
  return (a === null || a === undefined) && (b === null || b === undefined)
}

/**
 * Python 3 ordering: numbers (and bools) among themselves, strings by code point, lists
 * lexicographically; anything else (None, dicts, mixed types) raises UnorderableTypesError.
 */
export function pyCompare(a: unknown, b: unknown): number {
  const na = typeof a === 'boolean' ? Number(a) : a
  const nb = typeof b === 'boolean' ? Number(b) : b
  if (isNumber(na) && isNumber(nb)) {
    if (typeof na === 'bigint' && typeof nb === 'bigint') return na < nb ? -1 : na > nb ? 1 : 0
    const x = Number(na)
    const y = Number(nb)
    return x < y ? -1 : x > y ? 1 : 0
  }
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b)
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length)
    for (let i = 0; i < n; i++) {
      if (!pyEquals(a[i], b[i])) return pyCompare(a[i], b[i])
    }
    return a.length - b.length < 0 ? -1 : a.length === b.length ? 0 : 1
  }
  throw new UnorderableTypesError('unorderable')
}

/** Tuple comparison helper: (isNone(a), a) vs (isNone(b), b) as cliff's sort key does. */
export function pyCompareNoneLast(a: unknown, b: unknown): number {
  const an = a === null || a === undefined
  const bn = b === null || b === undefined
  if (an !== bn) return an ? 1 : -1
  if (an && bn) return 0
  if (pyEquals(a, b)) return 0
  return pyCompare(a, b)
}
