import {isIP} from 'node:net'

import {isPlainObject, pformat, PyFloat, pyFloat, pyRepr, pyReprValue, pyStr} from '../common/python.js'
import {errors, type ZunError} from './errors.js'

/**
 * JSON Schema (draft 4) as zun-api validates requests with it: python-jsonschema 4.x's
 * `Draft4Validator` with a format checker, Zun's own `minimum`/`maximum` (which read numeric
 * strings as numbers), and its `SchemaValidator` wrapper that turns the first error into a
 * `container.schema-validation-error`. The messages and the error report are jsonschema's, so
 * what a client prints is what the real server sends.
 *
 * A schema is a plain object whose key order is the Python dict's: keywords are checked in that
 * order, and the first error wins.
 */

export type Schema = {[keyword: string]: unknown}

export interface SchemaError {
  message: string
  /** The keyword that failed (`minLength`, `required`…). */
  validator: string
  /** The value the error is about (the innermost one). */
  instance: unknown
  /** The (sub)schema holding the keyword. */
  schema: Schema
  /** Where the instance is, from the validated value down (`['nets', 0, 'network']`). */
  path: Array<string | number>
  /** The keyword's place in the schema, from the validated schema down, the keyword last. */
  schemaPath: Array<string | number>
}

type Keyword = (value: unknown, instance: unknown, schema: Schema) => Iterable<Omit<SchemaError, 'validator' | 'instance' | 'schema'> & Partial<SchemaError>>

function isType(v: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string'
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v)
    case 'number':
      return typeof v === 'number' || v instanceof PyFloat
    case 'boolean':
      return typeof v === 'boolean'
    case 'null':
      return v === null
    case 'array':
      return Array.isArray(v)
    case 'object':
      return isPlainObject(v)
    default:
      return false
  }
}

function numberOf(v: unknown): number {
  return v instanceof PyFloat ? v.value : (v as number)
}

/** Python equality of JSON values, booleans apart from 0 and 1 (jsonschema's `unbool`). */
function pyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b
  if (a instanceof PyFloat || b instanceof PyFloat || typeof a === 'number' || typeof b === 'number') {
    return (typeof a === 'number' || a instanceof PyFloat) && (typeof b === 'number' || b instanceof PyFloat) && numberOf(a) === numberOf(b)
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => pyEqual(x, b[i]))
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false
    const ka = Object.keys(a)
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && pyEqual(a[k], b[k]))
  }
  return a === b
}

/** Python's `re.search` for the patterns Zun uses (plain ECMAScript-compatible regexes). */
function search(pattern: string, s: string): boolean {
  return new RegExp(pattern, 'u').test(s)
}

/** Zun's `_number_from_str`: numbers as they are, numeric strings as `int()` or else `float()` reads them. */
function numberFromStr(v: unknown): number | PyFloat | undefined {
  if (typeof v === 'number' || v instanceof PyFloat) return v
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v !== 'string') return undefined
  const t = v.trim()
  if (/^[+-]?\d+(?:_\d+)*$/.test(t)) return Number(t.replace(/_/g, ''))
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(t) || /^[+-]?(?:inf|infinity|nan)$/i.test(t)) {
    const n = /^[+-]?inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t)
    return pyFloat(n)
  }
  return undefined
}

const FORMATS: Record<string, (s: string) => boolean> = {
  ipv4: (s) => isIP(s) === 4 && !/(^|\.)0\d/.test(s),
  ipv6: (s) => isIP(s) === 6 && !s.includes('%'),
}

function* descend(instance: unknown, schema: Schema, path?: string | number, schemaPath?: string | number): Generator<SchemaError> {
  for (const e of iterErrors(instance, schema)) {
    if (path !== undefined) e.path.unshift(path)
    if (schemaPath !== undefined) e.schemaPath.unshift(schemaPath)
    yield e
  }
}

function isValid(instance: unknown, schema: Schema): boolean {
  return iterErrors(instance, schema).next().done === true
}

const KEYWORDS: Record<string, Keyword> = {
  *type(types, instance) {
    const list = Array.isArray(types) ? (types as string[]) : [types as string]
    if (!list.some((t) => isType(instance, t))) {
      yield {message: `${pyReprValue(instance)} is not of type ${list.map((t) => pyRepr(t)).join(', ')}`, path: [], schemaPath: []}
    }
  },
  *enum(values, instance) {
    const list = values as unknown[]
    if (!list.some((v) => pyEqual(v, instance))) {
      yield {message: `${pyReprValue(instance)} is not one of ${pyReprValue(list)}`, path: [], schemaPath: []}
    }
  },
  *minLength(min, instance) {
    if (typeof instance === 'string' && [...instance].length < (min as number)) yield {message: `${pyReprValue(instance)} is too short`, path: [], schemaPath: []}
  },
  *maxLength(max, instance) {
    if (typeof instance === 'string' && [...instance].length > (max as number)) yield {message: `${pyReprValue(instance)} is too long`, path: [], schemaPath: []}
  },
  *pattern(pattern, instance) {
    if (typeof instance === 'string' && !search(pattern as string, instance)) {
      yield {message: `${pyReprValue(instance)} does not match ${pyRepr(pattern as string)}`, path: [], schemaPath: []}
    }
  },
  *minimum(min, instance) {
    const n = numberFromStr(instance)
    if (typeof instance === 'boolean' || n === undefined || numberOf(n) >= numberOf(min)) return
    yield {message: `${pyReprValue(n)} is less than the minimum of ${pyReprValue(min)}`, path: [], schemaPath: []}
  },
  *maximum(max, instance) {
    const n = numberFromStr(instance)
    if (typeof instance === 'boolean' || n === undefined || numberOf(n) <= numberOf(max)) return
    yield {message: `${pyReprValue(n)} is greater than the maximum of ${pyReprValue(max)}`, path: [], schemaPath: []}
  },
  *format(format, instance) {
    const check = FORMATS[format as string]
    if (check && typeof instance === 'string' && !check(instance)) {
      yield {message: `${pyReprValue(instance)} is not a ${pyRepr(format as string)}`, path: [], schemaPath: []}
    }
  },
  *required(names, instance) {
    if (!isPlainObject(instance)) return
    for (const name of names as string[]) {
      if (!Object.hasOwn(instance, name)) yield {message: `${pyRepr(name)} is a required property`, path: [], schemaPath: []}
    }
  },
  *properties(props, instance) {
    if (!isPlainObject(instance)) return
    for (const [name, sub] of Object.entries(props as Record<string, Schema>)) {
      if (Object.hasOwn(instance, name)) yield* descend(instance[name], sub, name, name)
    }
  },
  *patternProperties(patterns, instance) {
    if (!isPlainObject(instance)) return
    for (const [pattern, sub] of Object.entries(patterns as Record<string, Schema>)) {
      for (const [k, v] of Object.entries(instance)) if (search(pattern, k)) yield* descend(v, sub, k, pattern)
    }
  },
  *additionalProperties(additional, instance, schema) {
    if (!isPlainObject(instance)) return
    const known = Object.keys((schema.properties as object | undefined) ?? {})
    const patterns = Object.keys((schema.patternProperties as object | undefined) ?? {})
    const extras = Object.keys(instance).filter((k) => !known.includes(k) && !patterns.some((p) => search(p, k)))
    if (isPlainObject(additional)) {
      for (const k of extras) yield* descend(instance[k], additional, k)
    } else if (additional === false && extras.length) {
      if (patterns.length) {
        const verb = extras.length === 1 ? 'does' : 'do'
        yield {
          message: `${[...extras].sort().map((k) => pyRepr(k)).join(', ')} ${verb} not match any of the regexes: ${[...patterns].sort().map((p) => pyRepr(p)).join(', ')}`,
          path: [],
          schemaPath: [],
        }
      } else {
        const verb = extras.length === 1 ? 'was' : 'were'
        yield {message: `Additional properties are not allowed (${extras.map((k) => pyRepr(k)).join(', ')} ${verb} unexpected)`, path: [], schemaPath: []}
      }
    }
  },
  *items(items, instance) {
    if (!Array.isArray(instance) || !isPlainObject(items)) return
    for (const [i, item] of instance.entries()) yield* descend(item, items, i)
  },
  *allOf(subs, instance) {
    for (const [i, sub] of (subs as Schema[]).entries()) yield* descend(instance, sub, undefined, i)
  },
  *anyOf(subs, instance) {
    if ((subs as Schema[]).some((sub) => isValid(instance, sub))) return
    yield {message: `${pyReprValue(instance)} is not valid under any of the given schemas`, path: [], schemaPath: []}
  },
  *oneOf(subs, instance) {
    const list = subs as Schema[]
    const first = list.findIndex((sub) => isValid(instance, sub))
    if (first < 0) {
      yield {message: `${pyReprValue(instance)} is not valid under any of the given schemas`, path: [], schemaPath: []}
      return
    }
    const more = list.slice(first + 1).filter((sub) => isValid(instance, sub))
    if (more.length) {
      yield {message: `${pyReprValue(instance)} is valid under each of ${[...more, list[first]].map((s) => pyReprValue(s)).join(', ')}`, path: [], schemaPath: []}
    }
  },
  *not(sub, instance) {
    if (isValid(instance, sub as Schema)) yield {message: `${pyReprValue(instance)} should not be valid under ${pyReprValue(sub)}`, path: [], schemaPath: []}
  },
}

/** jsonschema's `iter_errors`: every keyword of `schema` in its order, the errors of each. */
export function* iterErrors(instance: unknown, schema: Schema): Generator<SchemaError> {
  for (const [keyword, value] of Object.entries(schema)) {
    const check = KEYWORDS[keyword]
    if (!check) continue
    for (const e of check(value, instance, schema)) {
      const err = e as SchemaError
      // The innermost error keeps its keyword, instance and schema; the path grows outwards.
      err.validator ??= keyword
      err.instance = 'instance' in e ? e.instance : instance
      err.schema ??= schema
      err.schemaPath.unshift(keyword)
      yield err
    }
  }
}

function formatAsIndex(word: string, indices: Array<string | number>): string {
  return indices.length ? `${word}[${indices.map((i) => (typeof i === 'number' ? String(i) : pyRepr(i))).join('][')}]` : word
}

function indented(text: string): string {
  return text.split('\n').join('\n    ')
}

/** `str(ValidationError)`: the message, then the failing schema and instance, pretty-printed. */
export function errorReport(e: SchemaError): string {
  return (
    `${e.message}\n\n` +
    `Failed validating ${pyRepr(e.validator)} in ${formatAsIndex('schema', e.schemaPath.slice(0, -1))}:\n` +
    `    ${indented(pformat(e.schema))}\n\n` +
    `On ${formatAsIndex('instance', e.path)}:\n` +
    `    ${indented(pformat(e.instance))}`
  )
}

/**
 * Zun's `SchemaValidator.validate`: the first error, as 400 `container.schema-validation-error`.
 * With a path the detail names the last path element and quotes the value ("Invalid input for
 * field 'name'.Value: 'a'. " plus jsonschema's report, whose path then lacks that element, as
 * Zun pops it before printing); without one it is jsonschema's message alone.
 */
export function validateOrThrow(schema: Schema, value: unknown, kind: 'body' | 'query'): void {
  const e = iterErrors(value, schema).next().value as SchemaError | undefined
  if (e) throw schemaError(e, kind)
}

export function schemaError(e: SchemaError, kind: 'body' | 'query'): ZunError {
  if (!e.path.length) return errors.schema(e.message)
  const field = e.path.pop() as string | number
  const value = pyStr(e.instance)
  const head = kind === 'body' ? `Invalid input for field '${field}'.Value: '${value}'. ` : `Invalid input for query parameters '${field}'. Value: '${value}'. `
  return errors.schema(head + errorReport(e))
}
