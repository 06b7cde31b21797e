import {ExitCode} from './exit-codes.js'

/** Every error mrctl raises on purpose: a message for people, an exit code, and hints. */
export class MrctlError extends Error {
  readonly exitCode: number
  readonly actions: string[]
  readonly code: string
  readonly data?: unknown

  constructor(message: string, opts: {exitCode?: number; actions?: string[]; code?: string; data?: unknown} = {}) {
    super(message)
    this.name = new.target.name
    this.exitCode = opts.exitCode ?? ExitCode.Error
    this.actions = opts.actions ?? []
    this.code = opts.code ?? this.name
    this.data = opts.data
  }
}

/** Bad flags or arguments, detected before anything was sent. Exit 2. */
export class UsageError extends MrctlError {
  constructor(message: string, actions: string[] = []) {
    super(message, {exitCode: ExitCode.Usage, actions})
  }
}

/** Configuration that is missing or contradictory (profiles, clouds.yaml, credentials). */
export class ConfigError extends MrctlError {
  constructor(message: string, actions: string[] = []) {
    super(message, {actions})
  }
}

export class AuthError extends MrctlError {}

export class EndpointNotFoundError extends MrctlError {}

export class NotFoundError extends MrctlError {
  constructor(
    message: string,
    readonly resource?: string,
    /** The name or ID that was looked for (for the "it exists in <other region>" hint). */
    readonly searched?: string,
  ) {
    super(message)
  }
}

export class AmbiguousError extends MrctlError {
  constructor(message: string, readonly ids: string[]) {
    super(message, {data: {ids}})
  }
}

export class WaitTimeoutError extends MrctlError {
  constructor(message: string, actions: string[] = []) {
    super(message, {exitCode: ExitCode.Timeout, actions})
  }
}

/** The network failed (refused, reset, DNS, TLS, timeout) before an HTTP answer came. */
export class ConnectionError extends MrctlError {}

/** An OpenStack service answered with an error status. */
export class ApiError extends MrctlError {
  constructor(
    readonly service: string,
    readonly status: number,
    readonly detail: string,
    readonly requestId: string | undefined,
    readonly url: string,
    readonly body?: unknown,
    /** keystonemiddleware's `WWW-Authenticate` on a 401: the token itself was refused. */
    readonly authChallenge?: string,
    actions?: string[],
  ) {
    super(`${service} ${status}: ${detail}${requestId ? ` (request ${requestId})` : ''}`, {code: `HTTP${status}`, actions})
    const full = serverDetail(body)
    if (full !== undefined && full !== detail) this.fullDetail = full
  }

  /** The server's message in full when `detail` shortened it (Zun's jsonschema reports): printed under --debug. */
  readonly fullDetail?: string
}

/** `errors[0].detail` of a Zun error body, as sent. */
function serverDetail(body: unknown): string | undefined {
  const errors = (body as {errors?: Array<{detail?: unknown}>} | undefined)?.errors
  const detail = Array.isArray(errors) ? errors[0]?.detail : undefined
  return typeof detail === 'string' ? detail : undefined
}

/**
 * Zun's schema errors carry jsonschema's whole report, the schema dumped in it: "Invalid input for
 * field 'name'.Value: 'a'. 'a' is too short\n\nFailed validating 'minLength' in schema[…]:\n    {…}\n\n
 * On instance:\n    'a'". Kept: the field and the first sentence of the reason, "Invalid input for
 * field 'name': 'a' is too short". Anything else comes back as it was.
 */
export function shortSchemaDetail(detail: string): string {
  const cut = detail.search(/\n\s*\nFailed validating /)
  if (cut < 0) return detail
  const head = detail.slice(0, cut).trim()
  const m = /^Invalid input for (field|query parameters) '([^']*)'\.\s*Value: ([\s\S]*)$/.exec(head)
  if (!m) return head.split('\n')[0]
  const valueEnd = m[3].indexOf("'. ", 1)
  const reason = (valueEnd < 0 ? m[3] : m[3].slice(valueEnd + 3)).split('\n')[0].trim()
  const short = reason.length > 240 ? `${reason.slice(0, 239)}…` : reason
  return `Invalid input for ${m[1] === 'field' ? 'field' : 'query parameter'} '${m[2]}': ${short}`
}

/**
 * The human message from an OpenStack error body, whatever the service's shape:
 * Keystone `{"error": {"message"}}`, Neutron `{"NeutronError": {"message"}}`, Glance/Octavia
 * `{"faultstring"}` or `{"message"}`, Zun `{"errors": [{"detail"}]}`, Tricircle
 * `{"<Name>": {"message"}}` or `{"message"}`, webob HTML/text bodies.
 */
export function errorMessageFromBody(text: string, status: number): string {
  const trimmed = text.trim()
  // An unhandled exception (Tricircle's shape D) leaves the body empty: say so rather than nothing.
  if (!trimmed) return `${httpReason(status)} (empty response body)`
  let parsed: unknown
  try {
    parsed = JSON.parse(trimmed)
  } catch {
    return textMessage(trimmed, status) || httpReason(status)
  }
  if (parsed === null || (typeof parsed === 'object' && Object.keys(parsed).length === 0)) return httpReason(status)
  const message = jsonMessage(parsed)
  // Glance's faultstring carries webob's markup: "…image.<br /><br />\n\n\n".
  return message !== undefined ? message.replace(/<br\s*\/?>/gi, ' ').replace(/\s+/g, ' ').trim() : trimmed.length <= 300 ? trimmed : httpReason(status)
}

function jsonMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body || undefined
  if (!body || typeof body !== 'object') return undefined
  const o = body as Record<string, unknown>
  if (Array.isArray(o.errors) && o.errors.length > 0) {
    const msgs = o.errors.map((e) => {
      const er = e as Record<string, unknown>
      return shortSchemaDetail(String(er.detail ?? er.title ?? er.message ?? JSON.stringify(e)))
    })
    return msgs.join('; ')
  }
  for (const key of ['faultstring', 'message', 'detail', 'description', 'title']) {
    if (typeof o[key] === 'string' && o[key]) return o[key] as string
  }
  // A single wrapper key: {"error": {...}}, {"NeutronError": {...}}, {"badRequest": {...}}.
  const keys = Object.keys(o)
  if (keys.length === 1) return jsonMessage(o[keys[0]])
  return undefined
}

/**
 * webob's text/html and text/plain error pages: keep the explanation lines, drop the markup,
 * decode the entities webob escaped, and drop the "404 Not Found" heading (the status is
 * printed anyway).
 */
function textMessage(text: string, status: number): string {
  const noTags = text.replace(/<title>.*?<\/title>/gis, '').replace(/<[^>]+>/g, '\n')
  const lines = noTags
    .split('\n')
    .map((l) => decodeEntities(l).trim())
    .filter(Boolean)
  if (lines.length > 1 && new RegExp(`^${status}\\s+\\D`).test(lines[0])) lines.shift()
  return lines.join(' ').slice(0, 500)
}

const ENTITIES: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' '}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Request Entity Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
}

function httpReason(status: number): string {
  return REASONS[status] ?? `HTTP ${status}`
}
