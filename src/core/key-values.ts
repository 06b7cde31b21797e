import {UsageError} from './errors.js'

/**
 * osc-lib's MultiKeyValueAction: `k1=v1,k2=v2` (each pair split at its first `=`), with required
 * and optional keys when given (none given: any key), and osc-lib's messages prefixed with the flag.
 */
export function parseKeyValues(flag: string, text: string, keys: {required?: string[]; optional?: string[]} = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const kv of text.split(',')) {
    const eq = kv.indexOf('=')
    if (eq < 0) throw new UsageError(`${flag}: Expected comma separated 'key=value' pairs, but got: ${kv}`)
    if (eq === 0) throw new UsageError(`${flag}: Each property key must be specified: ${kv}`)
    out[kv.slice(0, eq)] = kv.slice(eq + 1)
  }
  const required = keys.required ?? []
  const valid = [...required, ...(keys.optional ?? [])]
  const invalid = Object.keys(out).filter((k) => !valid.includes(k))
  if (valid.length > 0 && invalid.length > 0) {
    throw new UsageError(`${flag}: Invalid keys ${invalid.join(', ')} specified. Valid keys are: ${valid.join(', ')}`)
  }
  const missing = required.filter((k) => !(k in out))
  if (missing.length > 0) {
    throw new UsageError(`${flag}: Missing required keys ${missing.join(', ')}. Required keys are: ${required.join(', ')}`)
  }
  return out
}

/** osc-lib's KeyValueAction on a repeatable flag (`--property k=v`, each split at its first `=`), into one object. */
export function parseKeyValueList(flag: string, values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values ?? []) {
    const at = v.indexOf('=')
    if (at < 0) throw new UsageError(`Expected 'key=value' type, but got: ${v}`, [`give ${flag} as key=value`])
    if (at === 0) throw new UsageError(`Property key must be specified: ${v}`, [`give ${flag} as key=value`])
    out[v.slice(0, at)] = v.slice(at + 1)
  }
  return out
}
