import {MrctlError} from '../core/errors.js'

/** How to verify servers: a CA bundle to trust (instead of the system's), or no verification at all. */
export interface TlsSettings {
  ca?: Buffer
  rejectUnauthorized: boolean
}

/** Reads the CA file once; a file that cannot be read is an error naming it and where it came from. */
export async function loadTlsSettings(cacert: string | undefined, insecure: boolean): Promise<TlsSettings> {
  if (!cacert) return {rejectUnauthorized: !insecure}
  const {readFile} = await import('node:fs/promises')
  try {
    return {ca: await readFile(cacert), rejectUnauthorized: !insecure}
  } catch (error) {
    throw new MrctlError(`cannot read the CA file ${cacert}: ${(error as Error).message}`, {
      actions: ['point --os-cacert (or OS_CACERT, or cacert in clouds.yaml) at a readable PEM file'],
    })
  }
}

export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>

/**
 * Node's fetch cannot take a CA file or skip verification per request; undici's fetch can, with
 * its own dispatcher (loaded only then). It is always called with a URL string and plain init,
 * never a Request object: undici's fetch does not know Node's global Request class.
 */
export async function tlsFetch(tls: TlsSettings): Promise<FetchFunction> {
  const {Agent, fetch: undiciFetch} = await import('undici')
  const dispatcher = new Agent({connect: {...(tls.ca ? {ca: tls.ca} : {}), rejectUnauthorized: tls.rejectUnauthorized}})
  return (url, init) => undiciFetch(url, {...(init as object), dispatcher} as never) as unknown as Promise<Response>
}

/** OpenSSL's verification failures, as Node reports them in `error.code`. */
export function isCertificateError(code: string | undefined): boolean {
  return Boolean(code && /CERT|SELF_SIGNED|^UNABLE_TO_(GET|VERIFY|DECRYPT)|^ERR_TLS_CERT/.test(code))
}
