/**
 * Runs a reference scenario (scenarios.ts) against a cloud — the real services of this machine
 * (record.ts writes what they answer into test/fixtures/sim-reference) or the simulator (the
 * unit test) — and reduces each answer to what a client depends on: the status, the content
 * type, which OpenStack headers are there, the shape of a JSON body (keys and value types), some
 * chosen values, and the text of error messages with the run's IDs replaced by their names.
 */

export type Service = 'identity' | 'network' | 'image' | 'load-balancer'

export interface Step {
  /** Unique within the scenario; the fixture key. */
  id: string
  service: Service
  method: string
  /** May hold `{var}`s; relative to the service endpoint (identity: the host root). */
  path: string
  body?: unknown
  /** Raw bytes instead of JSON. */
  raw?: string
  headers?: Record<string, string>
  /** Whose token (default admin); `none` sends no token, `bad` a wrong one. */
  as?: 'admin' | 'demo' | 'none' | 'bad'
  /** `var` ← the value at this dotted path of the JSON body (or `header:name`). */
  save?: Record<string, string>
  /** Dotted paths whose values are compared (after substitution). */
  values?: string[]
  /** Poll instead: repeat GET `path` until the value at `field` equals `equals` (or the status is 404 when `equals` is 404). */
  wait?: {field?: string; equals: string | number}
  /** Body text is compared as a whole (error pages, messages). */
  text?: boolean
}

export interface Scenario {
  name: string
  region: string
  steps: Step[]
}

export interface Exchange {
  status: number
  contentType: string
  headers: string[]
  shape?: unknown
  values?: Record<string, unknown>
  text?: string
}

export interface Target {
  endpoint(service: Service, region: string): string
  token(user: 'admin' | 'demo'): Promise<string>
  /** IDs known before the run (admin project, user…). */
  vars: Record<string, string>
  /** Between two polls of a `wait` step: real time passes (the recorder), or the sim's manual clock is moved on (the test). */
  pause(): Promise<void>
}

const HEADERS = ['x-openstack-request-id', 'www-authenticate', 'location', 'x-subject-token', 'openstack-image-import-methods', 'content-md5', 'vary']

export function shapeOf(v: unknown): unknown {
  if (v === null) return 'null'
  if (Array.isArray(v)) return v.length ? [shapeOf(v[0])] : []
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v as object).sort()) out[k] = shapeOf((v as Record<string, unknown>)[k])
    return out
  }
  return typeof v
}

function at(obj: unknown, path: string): unknown {
  let cur = obj
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined
    cur = Array.isArray(cur) && /^\d+$/.test(part) ? cur[Number(part)] : (cur as Record<string, unknown>)[part]
  }
  return cur
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m)
}

function fillDeep(v: unknown, vars: Record<string, string>): unknown {
  if (typeof v === 'string') return fill(v, vars)
  if (Array.isArray(v)) return v.map((x) => fillDeep(x, vars))
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillDeep(x, vars)]))
  return v
}

/** Replaces the run's values by their names, then any other UUID, hex ID or address. */
export function normalize(text: string, vars: Record<string, string>): string {
  let out = text
  const entries = Object.entries(vars).filter(([, v]) => v.length >= 6).sort((a, b) => b[1].length - a[1].length)
  for (const [k, v] of entries) out = out.split(v).join(`{${k}}`)
  return out
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{uuid}')
    .replace(/\b[0-9a-f]{32}\b/g, '{hex}')
    .replace(/req-\{uuid\}/g, '{request}')
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, '{origin}')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, '{time}')
}

function normalizeDeep(v: unknown, vars: Record<string, string>): unknown {
  if (typeof v === 'string') return normalize(v, vars)
  if (Array.isArray(v)) return v.map((x) => normalizeDeep(x, vars))
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalizeDeep(x, vars)]))
  return v
}

async function send(target: Target, scenario: Scenario, step: Step, vars: Record<string, string>, tokens: Map<string, string>): Promise<Response> {
  const base = target.endpoint(step.service, scenario.region).replace(/\/+$/, '')
  const url = base + fill(step.path, vars)
  const headers: Record<string, string> = {Accept: 'application/json', ...step.headers}
  for (const [k, v] of Object.entries(headers)) headers[k] = fill(v, vars)
  const who = step.as ?? 'admin'
  if (who === 'bad') headers['X-Auth-Token'] = 'gAAAAABnot-a-token'
  else if (who !== 'none') {
    if (!tokens.has(who)) tokens.set(who, await target.token(who))
    headers['X-Auth-Token'] = tokens.get(who)!
  }
  let body: string | undefined
  if (step.raw !== undefined) {
    body = step.raw
    headers['Content-Type'] ??= 'application/octet-stream'
  } else if (step.body !== undefined) {
    body = typeof step.body === 'string' ? step.body : JSON.stringify(fillDeep(step.body, vars))
    headers['Content-Type'] ??= 'application/json'
  }
  return fetch(url, {method: step.method, headers, body, signal: AbortSignal.timeout(60_000)})
}

/** Runs every step; `onStepError` decides whether a failed step stops the run (the recorder cleans up). */
export async function runScenario(target: Target, scenario: Scenario): Promise<Record<string, Exchange>> {
  const vars: Record<string, string> = {...target.vars}
  const tokens = new Map<string, string>()
  const out: Record<string, Exchange> = {}
  for (const step of scenario.steps) {
    if (step.wait) {
      const deadline = Date.now() + 120_000
      for (;;) {
        const res = await send(target, scenario, {...step, method: 'GET'}, vars, tokens)
        const text = await res.text()
        if (step.wait.equals === 404 ? res.status === 404 : res.ok && at(JSON.parse(text), step.wait.field!) === step.wait.equals) break
        if (Date.now() > deadline) throw new Error(`${scenario.name}/${step.id}: still not ${step.wait.equals} (${res.status} ${text.slice(0, 200)})`)
        await target.pause()
      }
      continue
    }
    const res = await send(target, scenario, step, vars, tokens)
    const text = await res.text()
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0]
    const ex: Exchange = {status: res.status, contentType, headers: HEADERS.filter((h) => res.headers.has(h))}
    let json: unknown
    if (contentType === 'application/json' && text) {
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
    }
    for (const [name, path] of Object.entries(step.save ?? {})) {
      const v = path.startsWith('header:') ? res.headers.get(path.slice(7)) : at(json, path)
      if (typeof v === 'string' || typeof v === 'number') vars[name] = String(v)
    }
    if (json !== undefined) ex.shape = shapeOf(json)
    if (step.values) ex.values = Object.fromEntries(step.values.map((p) => [p, normalizeDeep(at(json, p) ?? null, vars)]))
    if (step.text) ex.text = normalize(text, vars).trim()
    out[step.id] = ex
  }
  return out
}
