import type {Session} from '../auth/session.js'
import type {GlobalOptions} from '../profiles/resolve.js'

import {join} from 'node:path'

import {canPrompt} from './tty.js'

export interface SessionFactoryOptions {
  debug?: boolean
  noInput?: boolean
  timeoutSeconds?: number
  version: string
  warn: (message: string) => void
  /** Filled with the secrets in use, so that error messages can be scrubbed. */
  secrets: Array<string | undefined>
  /** Told before each wait between retries (seconds, why): a spinner can show it. */
  onRetryWait?: (seconds: number, reason: string) => void
}

const DEFAULT_REQUEST_TIMEOUT_S = 60

/** Resolves the cloud (flags > OS_* > cloud/profile > default) and builds the session over one transport. */
export async function createSession(globals: GlobalOptions, opts: SessionFactoryOptions): Promise<Session> {
  const [{resolveCloud}, {ProfileStore}, {isReadableByOthersWarning, loadCloudsYaml}, {secretStore}, {Transport}, {Session}, {TokenCache}, {cacheDir}, {scrub, urlSecrets}, {firstTimeToday}, {useParsedCache}] =
    await Promise.all([
      import('../profiles/resolve.js'),
      import('../profiles/store.js'),
      import('../profiles/clouds-yaml.js'),
      import('../profiles/secrets.js'),
      import('../http/transport.js'),
      import('../auth/session.js'),
      import('../auth/token-cache.js'),
      import('../profiles/paths.js'),
      import('../http/redact.js'),
      import('./daily-notice.js'),
      import('../profiles/parsed-cache.js'),
    ])
  // clouds.yaml and the profiles read back as JSON while they are unchanged (parsed-cache.ts).
  useParsedCache(join(cacheDir(), 'parsed'))
  const config = await resolveCloud(globals, {
    env: process.env,
    store: new ProfileStore(),
    loadClouds: () => loadCloudsYaml(),
    secrets: (kind) => secretStore(kind, opts.warn),
  })
  // One scrub list for every line written: the secrets given, and those met later (onSecret).
  opts.secrets.push(config.auth.password, config.auth.applicationCredentialSecret, config.auth.token, ...urlSecrets(config.auth.authUrl))
  for (const byService of Object.values(config.endpointOverrides)) for (const url of Object.values(byService)) opts.secrets.push(...urlSecrets(url))
  for (const w of config.warnings) {
    // The same file, the same fact: once a day is enough (and it stays out of later --json envelopes).
    if (isReadableByOthersWarning(w) && !(await firstTimeToday(w, cacheDir()))) continue
    opts.warn(w)
  }
  if (config.insecure) opts.warn('TLS certificates are not verified (--insecure or verify: false): use --os-cacert instead where you can')
  const transport = new Transport({
    requestTimeoutMs: (opts.timeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_S) * 1000,
    retries: 2,
    insecure: config.insecure,
    cacert: config.cacert,
    userAgent: `mrctl/${opts.version}`,
    debug: opts.debug ? (line) => process.stderr.write(`${scrub(line, opts.secrets)}\n`) : undefined,
    onRetryWait: opts.onRetryWait,
  })
  const interactive = canPrompt(opts.noInput)
  return new Session({
    config,
    transport,
    cache: new TokenCache(cacheDir(), opts.warn),
    onSecret: (value) => opts.secrets.push(value),
    promptSecret: interactive
      ? async (label) => {
          const {promptSecret} = await import('./prompts.js')
          const value = await promptSecret(label)
          opts.secrets.push(value)
          return value
        }
      : undefined,
  })
}
