// A third real Glance (RegionTwo's configuration, its own SQLite database and file store, a free
// port on 127.0.0.1), for copying an image to two regions when the real services have Glance in
// two only. Started by the image-sync test and bench, stopped by them (by its process group).
import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const BASE = process.env.REAL_OS_BASE ?? '/var/tmp/real-openstack'
const PY = '/usr/bin/python3'

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const {port} = s.address()
      s.close(() => resolve(port))
    })
  })
}

/** Starts it and waits (polling, with a deadline) until it answers; returns its URL and a stop function. */
export async function startExtraGlance({timeoutMs = 60_000, importMethods} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-glance3-'))
  for (const d of ['images', 'staging', 'tasks', 'lock']) mkdirSync(join(dir, d))
  const port = await freePort()
  const conf = readFileSync(join(BASE, 'etc/glance-r2/glance-api.conf'), 'utf8')
    .replace(/^bind_port = .*$/m, `bind_port = ${port}`)
    .replace(/^connection = .*$/m, `connection = sqlite:///${join(dir, 'glance.sqlite')}`)
    .replaceAll(join(BASE, 'data/glance-r2/'), `${dir}/`)
  // Import methods beyond the defaults (glance-download, to fetch from another region's Glance).
  const methods = importMethods ? `enabled_import_methods = [${importMethods.join(', ')}]\n` : ''
  writeFileSync(join(dir, 'glance-api.conf'), conf.replace(/^\[DEFAULT\]\n/m, `[DEFAULT]\n${methods}`))
  const sync = spawnSync(PY, ['-c', 'import sys; from glance.cmd.manage import main; sys.exit(main())', '--config-file', join(dir, 'glance-api.conf'), 'db_sync'], {encoding: 'utf8'})
  if (sync.status !== 0) throw new Error(`glance db_sync failed: ${sync.stderr.slice(-500)}`)
  const child = spawn(PY, ['-c', 'import sys; from glance.cmd.api import main; sys.exit(main())', '--config-file', join(dir, 'glance-api.conf')], {
    detached: true,
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)))
    rmSync(dir, {recursive: true, force: true})
  }
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const res = await fetch(`${url}/`)
      if (res.status === 300 || res.status === 200) break
    } catch {}
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop()
      throw new Error(`the extra Glance did not answer on ${url}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return {url, stop}
}

/** A clouds.yaml with the real-openstack cloud plus a RegionThree whose Glance is `url`. */
export function cloudsWithRegionThree(cloudsPath, url, outPath) {
  const text = readFileSync(cloudsPath, 'utf8')
  return import('yaml').then(({default: YAML}) => {
    const doc = YAML.parse(text)
    const cloud = doc.clouds['real-openstack']
    cloud.regions = [...(cloud.regions ?? []), {name: 'RegionThree', values: {image_endpoint_override: url}}]
    writeFileSync(outPath, YAML.stringify(doc), {mode: 0o600})
    return outPath
  })
}
