#!/usr/bin/env node
// Image upload: `mrctl image create --file` next to its floor, `curl -T` of the same file to the same
// Glance, in the same run, for a 256 MiB and a 1 GiB file (never asserted in tests):
//   throughput of mrctl as a ratio to curl (aim >= 0.9), both end to end (process start, token from the
//   cache, POST, PUT) and for the PUT alone (its time from --debug), and the peak RSS of the mrctl
//   process (aim < 120 MiB, and the same for 1 GiB as for 256 MiB: the upload streams).
// Usage: node bench/image-upload.mjs [runs=3] [MiB sizes, default 256,1024]
// Needs the build and ../shared/real-openstack running; BENCH_REGION (default RegionOne).
// Every image and file it makes is deleted at the end, whatever happens.
import {spawn, spawnSync} from 'node:child_process'
import {randomFillSync, randomBytes} from 'node:crypto'
import {existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

const runs = Number(process.argv[2] ?? 3)
const sizesMiB = (process.argv[3] ?? '256,1024').split(',').map(Number)
const region = process.env.BENCH_REGION ?? 'RegionOne'
const root = resolve(import.meta.dirname, '..')
const bin = join(root, 'bin', 'run.js')
const clouds = process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml'
const dir = mkdtempSync(join(tmpdir(), 'mrctl-bench-upload-'))
const env = {...process.env, OS_CLIENT_CONFIG_FILE: clouds, OS_CLOUD: 'real-openstack', MRCTL_CONFIG_DIR: join(dir, 'config')}
// As in bench/startup.mjs: this machine sets NODE_EXTRA_CA_CERTS, which costs Node ~50 ms per process.
delete env.NODE_EXTRA_CA_CERTS
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
const created = [] // image IDs to delete at the end

function mrctl(args) {
  const r = spawnSync(process.execPath, [bin, ...args, '--os-region-name', region], {env, stdio: ['ignore', 'pipe', 'pipe']})
  if (r.status !== 0) throw new Error(`mrctl ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r.stdout.toString().trim()
}

function glanceUrl() {
  const catalog = JSON.parse(mrctl(['catalog', 'list', '-f', 'json']))
  const ep = catalog.find((s) => s.Type === 'image')?.Endpoints.find((e) => e.interface === 'public' && e.region === region)
  if (!ep) throw new Error(`no public image endpoint in ${region}`)
  const base = ep.url.replace(/\/+$/, '')
  return /\/v2(\.\d+)?$/.test(base) ? base : `${base}/v2`
}

function makeFile(mib) {
  const path = join(dir, `upload-${mib}MiB.bin`)
  const fd = openSync(path, 'w')
  const chunk = Buffer.allocUnsafe(8 << 20)
  for (let left = mib << 20; left > 0; left -= chunk.length) writeSync(fd, randomFillSync(chunk), 0, Math.min(left, chunk.length))
  closeSync(fd)
  return path
}

/** Runs a command, timing it; with /usr/bin/time, also its peak RSS; without, polls /proc/<pid>/status VmHWM. */
function timed(cmd, args, {rss = false} = {}) {
  return new Promise((resolvePromise, reject) => {
    const timeFile = join(dir, `time-${randomBytes(4).toString('hex')}`)
    const [c, a] = rss && TIME ? [TIME, ['-o', timeFile, '-f', '%M', cmd, ...args]] : [cmd, args]
    const started = process.hrtime.bigint()
    const child = spawn(c, a, {env, stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    let err = ''
    let hwm = 0
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const poll = rss && !TIME
      ? setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
            if (m) hwm = Math.max(hwm, Number(m[1]))
          } catch {}
        }, 10)
      : undefined
    child.on('error', reject)
    child.on('close', (code) => {
      clearInterval(poll)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))
      let rssKiB = hwm
      if (rss && TIME) {
        rssKiB = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1))
        rmSync(timeFile)
      }
      resolvePromise({ms, out, err, rssMiB: rssKiB / 1024})
    })
  })
}

async function curlRun(url, token, file) {
  const id = mrctl(['image', 'create', `bench-curl-${randomBytes(3).toString('hex')}`, '-f', 'value', '-c', 'id'])
  created.push(id)
  const r = await timed('curl', ['-sf', '-X', 'PUT', '-H', `X-Auth-Token: ${token}`, '-H', 'Content-Type: application/octet-stream', '-T', file, `${url}/images/${id}/file`])
  mrctl(['image', 'delete', id])
  created.splice(created.indexOf(id), 1)
  return r.ms
}

async function mrctlRun(file) {
  const r = await timed(process.execPath, [bin, 'image', 'create', `bench-mrctl-${randomBytes(3).toString('hex')}`, '--file', file, '--debug', '-f', 'value', '-c', 'id', '--os-region-name', region], {rss: true})
  const id = r.out.trim()
  created.push(id)
  const put = new RegExp(`RESP: \\[204\\] \\S+/images/${id}/file (\\d+)ms`).exec(r.err)
  mrctl(['image', 'delete', id])
  created.splice(created.indexOf(id), 1)
  return {ms: r.ms, putMs: put ? Number(put[1]) : NaN, rssMiB: r.rssMiB}
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rate = (mib, ms) => mib / (ms / 1000)
const f1 = (x) => x.toFixed(1)

try {
  const token = mrctl(['token', 'issue', '-f', 'value', '-c', 'id'])
  const url = glanceUrl()
  console.log(`image upload to ${url} (${region}), ${runs} runs per size, interleaved, medians; ${new Date().toISOString()}, node ${process.version}`)
  console.log(`peak RSS from ${TIME ? '/usr/bin/time %M' : '/proc/<pid>/status VmHWM'}; NODE_EXTRA_CA_CERTS unset`)
  const summary = []
  for (const mib of sizesMiB) {
    const file = makeFile(mib)
    const curl = []
    const mine = []
    for (let i = 0; i < runs; i++) {
      curl.push(await curlRun(url, token, file))
      mine.push(await mrctlRun(file))
      const m = mine.at(-1)
      console.log(
        `  ${mib} MiB run ${i + 1}: curl ${f1(rate(mib, curl.at(-1)))} MiB/s | mrctl ${f1(rate(mib, m.ms))} MiB/s end to end, ` +
          `${f1(rate(mib, m.putMs))} MiB/s PUT, peak RSS ${f1(m.rssMiB)} MiB`,
      )
    }
    rmSync(file)
    const c = rate(mib, median(curl))
    const e2e = rate(mib, median(mine.map((m) => m.ms)))
    const put = rate(mib, median(mine.map((m) => m.putMs)))
    const rss = Math.max(...mine.map((m) => m.rssMiB))
    summary.push({mib, c, e2e, put, rss})
  }
  console.log('')
  console.log('size      curl MiB/s  mrctl e2e  ratio  mrctl PUT  ratio  peak RSS (max of runs)')
  for (const s of summary) {
    console.log(
      `${`${s.mib} MiB`.padEnd(9)} ${f1(s.c).padStart(10)} ${f1(s.e2e).padStart(10)} ${(s.e2e / s.c).toFixed(2).padStart(6)}` +
        ` ${f1(s.put).padStart(10)} ${(s.put / s.c).toFixed(2).padStart(6)}  ${f1(s.rss)} MiB`,
    )
  }
  console.log('aims: ratio >= 0.9; peak RSS < 120 MiB and flat from 256 MiB to 1 GiB')
} finally {
  for (const id of created) spawnSync(process.execPath, [bin, 'image', 'delete', id, '--os-region-name', region], {env})
  rmSync(dir, {recursive: true, force: true})
}
