import type {Session} from '../../auth/session.js'
import type {CloudEntry} from '../../profiles/cloud-entry.js'

/**
 * The demo's sessions: one over a simulator's clouds document (no file, no OS_* variable of the
 * user's shell, no token cache: the sim's passwords live as long as it does), and a counter of
 * what a session sends (API calls, tokens issued) for the timing line.
 */

export async function sessionForClouds(
  clouds: Record<string, unknown>,
  name: string,
  opts: {version: string; timeoutSeconds?: number; onSecret?: (value: string) => void; debug?: (line: string) => void},
): Promise<Session> {
  const [{resolveCloud}, {Transport}, {Session}] = await Promise.all([
    import('../../profiles/resolve.js'),
    import('../../http/transport.js'),
    import('../../auth/session.js'),
  ])
  const config = await resolveCloud(
    {osCloud: name},
    {
      env: {},
      store: {load: async () => ({clouds: {}})} as never,
      loadClouds: async () => ({path: 'the simulator', clouds: clouds as Record<string, CloudEntry>, warnings: []}),
      secrets: () => undefined,
    },
  )
  if (config.auth.password) opts.onSecret?.(config.auth.password)
  const transport = new Transport({
    requestTimeoutMs: (opts.timeoutSeconds ?? 60) * 1000,
    retries: 2,
    insecure: false,
    userAgent: `mrctl/${opts.version}`,
    debug: opts.debug,
  })
  return new Session({config, transport, onSecret: opts.onSecret})
}

export interface CallCount {
  /** Requests sent (a retried request counts once). */
  calls: number
  /** Keystone token requests (POST …/auth/tokens). */
  tokens: number
}

/** Counts every request the session's transport sends from now on. */
export function countCalls(session: Session): CallCount {
  const count: CallCount = {calls: 0, tokens: 0}
  const transport = session.transport
  const send = transport.request.bind(transport)
  transport.request = (req) => {
    count.calls++
    if (req.method.toUpperCase() === 'POST' && /\/auth\/tokens\/?(\?|$)/.test(req.url)) count.tokens++
    return send(req)
  }
  return count
}
