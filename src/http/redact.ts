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

/** Removes known secret values from any text (error messages, URLs). */
export function scrub(text: string, secrets: Array<string | undefined>): string {
  let out = text
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('***')
  return out
}
