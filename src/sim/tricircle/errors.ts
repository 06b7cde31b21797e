import type {IncomingMessage, ServerResponse} from 'node:http'

import {sendJson} from '../common/router.js'

/**
 * The four error body shapes of the real server (reference §3.2):
 * - `api`: `format_api_error`, JSON `{"<errorType>": {"message": …, "code": …}}` (routings, jobs);
 * - `abort`: `pecan.abort`, content-negotiated between JSON, HTML and plain text;
 * - `text`: `pecan.Response(text, status)`, bare text labelled `text/html; charset=UTF-8`;
 * - `crash`: an unhandled exception, 500 with an empty `text/plain` body and `Connection: close`.
 */
export type ErrorShape = 'api' | 'abort' | 'text' | 'crash'

export class TricircleError extends Error {
  constructor(
    readonly shape: ErrorShape,
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'TricircleError'
  }
}

/** Shape A. */
export function apiError(status: number, message: string): TricircleError {
  return new TricircleError('api', status, message)
}

/** Shape B; without a detail the body carries the status's standard explanation. */
export function abort(status: number, detail = '', headers: Record<string, string> = {}): TricircleError {
  return new TricircleError('abort', status, detail, headers)
}

/** Shape C. */
export function textError(status: number, text: string): TricircleError {
  return new TricircleError('text', status, text)
}

/** Shape D; `why` is for debugging only and never sent. */
export function crash(why: string): TricircleError {
  return new TricircleError('crash', 500, why)
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

const API_ERROR_KEYS: Record<number, string> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'itemNotFound',
  409: 'conflictingRequest',
  500: 'internalServerError',
}

function explanation(status: number, method: string): string {
  switch (status) {
    case 400:
      return 'The server could not comply with the request since it is either malformed or otherwise incorrect.'
    case 401:
      return 'This server could not verify that you are authorized to access the document you requested.'
    case 404:
      return 'The resource could not be found.'
    case 405:
      return `The method ${method} is not allowed for this resource.`
    default:
      return 'The server has either erred or is incapable of performing the requested operation.'
  }
}

export type NegotiatedType = 'text/html' | 'application/json' | 'text/plain'
const OFFERS: readonly NegotiatedType[] = ['text/html', 'application/json', 'text/plain']

/**
 * Picks the representation of a `pecan.abort` error from the Accept header, as webob does: the
 * offer with the highest quality wins, ties go to the earlier offer (HTML first), and no or an
 * unmatched Accept header gives plain text. So `application/json` → JSON, `application/json, *\/*` → HTML.
 */
export function negotiate(accept: string | undefined): NegotiatedType {
  if (!accept || accept.trim() === '') return 'text/plain'
  const ranges = accept
    .split(',')
    .map((part) => {
      const [range = '', ...params] = part.split(';').map((p) => p.trim())
      let q = 1
      for (const p of params) {
        const m = /^q=([0-9.]+)$/i.exec(p)
        if (m) q = Number(m[1])
      }
      const [type = '', subtype = ''] = range.toLowerCase().split('/')
      return {type, subtype, q: Number.isFinite(q) ? q : 0}
    })
    .filter((r) => r.type !== '')
  let best: NegotiatedType = 'text/plain'
  let bestQ = 0
  for (const offer of OFFERS) {
    const [ot, os] = offer.split('/')
    let matchQ = -1
    let specificity = -1
    for (const r of ranges) {
      const spec = r.type === ot && r.subtype === os ? 2 : r.type === ot && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1
      if (spec > specificity) {
        specificity = spec
        matchQ = r.q
      }
    }
    if (specificity >= 0 && matchQ > bestQ) {
      best = offer
      bestQ = matchQ
    }
  }
  return best
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function sendText(res: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {...headers, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(text))})
  res.end(text)
}

/** Writes an error in its shape. */
export function sendError(req: IncomingMessage, res: ServerResponse, err: TricircleError): void {
  const status = err.status
  const title = TITLES[status] ?? 'Error'
  switch (err.shape) {
    case 'api': {
      const key = API_ERROR_KEYS[status] ?? 'error'
      sendJson(res, status, {[key]: {message: err.message, code: status}}, err.headers)
      return
    }
    case 'text':
      sendText(res, status, 'text/html; charset=UTF-8', err.message, err.headers)
      return
    case 'crash':
      // The WSGI server's own answer: the request-id middleware never saw a response, so no id.
      res.removeHeader('X-Openstack-Request-Id')
      res.writeHead(500, {'Content-Type': 'text/plain', 'Content-Length': '0', Connection: 'close'})
      res.end()
      return
    case 'abort': {
      const method = (req.method ?? 'GET').toUpperCase()
      const why = explanation(status, method)
      const detail = err.message
      const type = negotiate(req.headers.accept)
      if (type === 'application/json') {
        // Without a detail the real server's JSON leaves the explanation out: null for a 404, '' for a 405.
        const description = detail || (status === 404 ? null : status === 405 ? '' : why)
        sendJson(res, status, {code: status, title, description}, err.headers)
      } else if (type === 'text/html') {
        const body = detail ? `${escapeHtml(why)}<br /><br />\n${escapeHtml(detail)}` : escapeHtml(why)
        const html = `<html>\n <head>\n  <title>${status} ${title}</title>\n </head>\n <body>\n  <h1>${status} ${title}</h1>\n  ${body}\n </body>\n</html>`
        sendText(res, status, 'text/html; charset=UTF-8', html, err.headers)
      } else {
        sendText(res, status, 'text/plain; charset=UTF-8', `${status} ${title}\n\n${why}\n\n${detail}`.trimEnd(), err.headers)
      }
      return
    }
  }
}

/** What keystonemiddleware's auth_token answers for a missing or invalid token. */
export function sendKeystoneUnauthorized(res: ServerResponse, authUri: string): void {
  sendJson(
    res,
    401,
    {error: {code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.'}},
    {'WWW-Authenticate': `Keystone uri="${authUri}"`},
  )
}

/** What keystonemiddleware answers when the identity service cannot be reached. */
export function sendKeystoneUnavailable(res: ServerResponse): void {
  sendJson(res, 503, {
    error: {code: 503, title: 'Service Unavailable', message: 'The Keystone service is temporarily unavailable.'},
  })
}
