/**
 * A certificate authority made for one test run with Debian's openssl, and a server certificate
 * it signed for 127.0.0.1: what a private cloud's TLS looks like to a client that does not know
 * the CA. Nothing is written outside the folder given.
 */
import {execFileSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

export interface TestPki {
  /** The CA certificate (PEM file), as `--os-cacert` takes it. */
  caFile: string
  /** A CA that did not sign the server certificate. */
  otherCaFile: string
  key: Buffer
  cert: Buffer
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, {cwd, stdio: ['ignore', 'ignore', 'pipe']})
}

function makeCa(dir: string, name: string): void {
  openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`,
      '-days', '2', '-subj', `/CN=mrctl ${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  )
}

export function makeTestPki(dir: string): TestPki {
  makeCa(dir, 'test-ca')
  makeCa(dir, 'other-ca')
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir)
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n')
  openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'test-ca.pem', '-CAkey', 'test-ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'server.ext'],
    dir,
  )
  return {
    caFile: join(dir, 'test-ca.pem'),
    otherCaFile: join(dir, 'other-ca.pem'),
    key: readFileSync(join(dir, 'server.key')),
    cert: readFileSync(join(dir, 'server.pem')),
  }
}
