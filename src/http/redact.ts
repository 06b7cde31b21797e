import {createHash} from 'node:crypto'

const SECRET_HEADERS = new Set(['x-auth-token', 'x-subject-token', 'x-service-token', 'authorization'])
const SECRET_KEYS = /(password|passwd|adminpass|secret|^token$|_token$|api_key|private_key)/i

/** `{SHA256}<hex>`, as keystoneauth shows a token: enough to tell tokens apart, useless to replay. */
export function hashSecret(value: string): string {
  return `{SHA256}${createHash('sha256').update(value).digest('hex')}`
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? hashSecret(v) : v
  return out
}

/** A deep copy of a JSON value with every secret-named key replaced by `***`. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson)
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.test(k) && (typeof v === 'string' || typeof v === 'number') ? '***' : redactJson(v)
    }
    return out
  }
  return value
}

/** Redacts a body for debug output; non-JSON bodies are shown only when short. */
export function redactBodyText(text: string): string {
  if (!text) return ''
  try {
    return JSON.stringify(redactJson(JSON.parse(text)))
  } catch {
    return text.length > 2000 ? `<${text.length} bytes>` : text.replace(/("?(password|secret|token)"?\s*[:=]\s*)"?[^"\s,}]+"?/gi, '$1***')
  }
}

const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):([^\s/@]*)@/gi

/**
 * Removes known secret values from any text mrctl writes (error lines, warnings, --debug, the
 * --json envelope, tables), and the password of any `scheme://user:password@host` URL.
 */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text
  // Longest first, so a secret that contains another is masked whole.
  const known = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort((a, b) => b.length - a.length)
  for (const s of known) out = out.split(s).join('***')
  return out.replace(URL_PASSWORD, '$1:***@')
}

/** `scrub` applied to every string in a JSON-like value (a copy; the value is not changed). */
export function scrubDeep(value: unknown, secrets: ReadonlyArray<string | undefined>): unknown {
  if (typeof value === 'string') return scrub(value, secrets)
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, secrets))
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, secrets)
    return out
  }
  return value
}

/** The password in `scheme://user:password@host…`, as written and decoded (empty when none). */
export function urlSecrets(url: string | undefined): string[] {
  if (!url) return []
  try {
    const u = new URL(url)
    return u.password ? [u.password, decodeURIComponent(u.password)] : []
  } catch {
    return []
  }
}
