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

/** OpenSSL's verification failures, as Node reports them in `error.code`. */
export function isCertificateError(code: string | undefined): boolean {
  return Boolean(code && /CERT|SELF_SIGNED|^UNABLE_TO_(GET|VERIFY|DECRYPT)|^ERR_TLS_CERT/.test(code))
}
