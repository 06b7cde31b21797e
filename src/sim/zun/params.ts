import {pyReprValue} from '../common/python.js'
import {errors} from './errors.js'

/** oslo `strutils` extended booleans, as Zun accepts them for `run`, `force`, `stop`, `all_projects`… */
const TRUE_STRINGS = ['1', 't', 'true', 'on', 'y', 'yes']
const FALSE_STRINGS = ['0', 'f', 'false', 'off', 'n', 'no']

/** undefined when the value is not a recognised boolean. */
export function parseExtendedBool(value: string): boolean | undefined {
  const v = value.trim().toLowerCase()
  if (TRUE_STRINGS.includes(v)) return true
  if (FALSE_STRINGS.includes(v)) return false
  return undefined
}

/** An extended boolean query parameter, or 400 "Valid <name> values are: …". */
export function boolParam(query: URLSearchParams, name: string, fallback = false): boolean {
  const raw = query.get(name)
  if (raw === null) return fallback
  const parsed = parseExtendedBool(raw)
  if (parsed === undefined) {
    throw errors.invalidValue(`Valid ${name} values are: ${[...TRUE_STRINGS, ...FALSE_STRINGS].join(', ')}`)
  }
  return parsed
}

/** `all_projects` as Zun reads it (`utils.is_all_projects`): an extended boolean, false if absent. */
export function isAllProjects(query: URLSearchParams): boolean {
  return boolParam(query, 'all_projects')
}

/** Rejects query keys outside `allowed` with 400 "Unknown parameters: a, b". */
export function checkQueryKeys(query: URLSearchParams, allowed: readonly string[]): void {
  const unknown = [...new Set([...query.keys()])].filter((k) => !allowed.includes(k))
  if (unknown.length) throw errors.unknownParameters(unknown)
}

/** Python's repr of a JSON value, for schema error messages ("'abc' does not match …"). */
export const pyRepr = (value: unknown): string => pyReprValue(value)

/** Zun's jsonschema error for a body field: "Invalid input for field 'x'.Value: 'v'. <reason>". */
export function fieldError(path: string, value: unknown, reason: string): never {
  const shown = typeof value === 'string' ? value : pyRepr(value)
  throw errors.schema(`Invalid input for field '${path}'.Value: '${shown}'. ${reason}`)
}

/** The same for a query parameter. */
export function queryError(name: string, value: string, reason: string): never {
  throw errors.schema(`Invalid input for query parameters '${name}'. Value: '${value}'. ${reason}`)
}

/** A non-negative integer query parameter such as `timeout`, or undefined when absent. */
export function nonNegativeIntParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name)
  if (raw === null) return undefined
  if (!/^\d+$/.test(raw)) queryError(name, raw, `${pyRepr(raw)} does not match '^[0-9]+$'`)
  return Number(raw)
}

/** A positive integer query parameter such as `w`/`h` of resize. */
export function positiveIntParam(query: URLSearchParams, name: string, required = true): number | undefined {
  const raw = query.get(name)
  if (raw === null) {
    if (required) throw errors.schema(`Invalid input for query parameters '${name}'. '${name}' is a required property`)
    return undefined
  }
  if (!/^[1-9]\d*$/.test(raw)) queryError(name, raw, `${pyRepr(raw)} does not match '^[1-9][0-9]*$'`)
  return Number(raw)
}

export const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i

export function isUuidLike(value: string): boolean {
  return UUID_RE.test(value)
}

export function isIPv4(value: string): boolean {
  const parts = value.split('.')
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)
}

export function isIPv6(value: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(value) || !value.includes(':')) return false
  const doubleColons = value.split('::').length - 1
  if (doubleColons > 1) return false
  const groups = value.split(':').filter((g) => g !== '')
  if (groups.some((g) => g.length > 4 && !g.includes('.'))) return false
  return doubleColons === 1 ? groups.length <= 7 : groups.length === 8
}

/** `validate_limit`: a positive integer, capped at 1000 (`[api] max_limit`). */
export function parseLimit(raw: string | null): number {
  if (raw === null) return 1000
  if (!/^-?\d+$/.test(raw)) throw errors.invalidValue(`Invalid input for limit: ${raw}`)
  const n = Number(raw)
  if (n <= 0) throw errors.invalidValue('Limit must be positive integer')
  return Math.min(n, 1000)
}
