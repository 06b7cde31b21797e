#!/usr/bin/env node
// The simulator's own figures (never asserted in tests):
// 1. `mrctl sim up` to the first answered request (aim <= 300 ms): from spawning the CLI to
//    Keystone answering GET /v3, median of N starts, next to the in-process startCloud() time;
// 2. `mrctl network list --all-regions` against a sim of 10, 25 and 50 regions (each region with
//    a few networks): wall time of the command, and peak RSS of the command and of the sim, so the
//    growth with the number of regions is visible (aim: time near flat, sim memory linear and
//    under 300 MiB at 50 regions).
// Usage: node bench/sim.mjs [starts]   (needs the build: npm run build)
import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const bin = join(ROOT, 'bin', 'run.js')
const starts = Number(process.argv[2] ?? 7)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function envFor(dir) {
  const env = {...process.env, MRCTL_CONFIG_DIR: dir, NO_COLOR: '1'}
  delete env.OS_CLOUD
  delete env.OS_CLIENT_CONFIG_FILE
  // As bench/startup.mjs: this machine sets NODE_EXTRA_CA_CERTS (~50 ms per process); users mostly do not.
  delete env.NODE_EXTRA_CA_CERTS
  return env
}

/** Polls (1 ms) until the sim's run record names Keystone, then until Keystone answers. */
async function firstAnswer(dir, child, t0) {
  const record = join(dir, 'sim', 'run.json')
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sim up exited ${child.exitCode}`)
    if (existsSync(record)) {
      let auth
      try {
        auth = JSON.parse(readFileSync(record, 'utf8')).auth_url
      } catch {
        auth = undefined
      }
      if (auth) {
        const res = await fetch(auth).catch(() => undefined)
        if (res?.ok) return Number(process.hrtime.bigint() - t0) / 1e6
      }
    }
    await sleep(1)
  }
}

async function startToFirstAnswer() {
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-bench-sim-'))
  const t0 = process.hrtime.bigint()
  const child = spawn(process.execPath, [bin, 'sim', 'up', '--time', 'immediate'], {env: envFor(dir), stdio: 'ignore'})
  try {
    return await firstAnswer(dir, child, t0)
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}

/** startCloud() in a process of its own (the sources through tsx: the bundle has no module of it), `n` times: ms each. */
function inProcessStarts(n) {
  const code = `const {startCloud} = await import(${JSON.stringify(join(ROOT, 'src/sim/cloud/cloud.ts'))})
const out = []
for (let i = 0; i < ${n}; i++) {
  const t0 = performance.now()
  const cloud = await startCloud({time: 'immediate'})
  out.push(performance.now() - t0)
  await cloud.close({persist: false})
}
console.log(JSON.stringify(out))`
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {cwd: ROOT, encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`startCloud(): ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').at(-1))
}

function vmHwmMiB(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}

/** Runs mrctl under /usr/bin/time for its peak RSS; returns wall ms and MiB. */
function timed(args, env) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], {env, encoding: 'utf8'})
  const wall = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) throw new Error(`mrctl ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  const kb = Number(r.stderr.trim().split('\n').at(-1))
  return {wall, rss: kb / 1024, out: r.stdout}
}

async function listAtScale(regions) {
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-bench-sim-'))
  const env = envFor(dir)
  const up = spawnSync(process.execPath, [bin, 'sim', 'up', '--region-count', String(regions), '--time', 'immediate', '--detach', '--json'], {env, encoding: 'utf8'})
  if (up.status !== 0) throw new Error(`sim up --region-count ${regions}: ${up.stderr}`)
  const {pid} = JSON.parse(up.stdout).result
  const record = JSON.parse(readFileSync(join(dir, 'sim', 'run.json'), 'utf8'))
  const cliEnv = {...env, OS_CLOUD: 'sim', OS_CLIENT_CONFIG_FILE: record.clouds_file}
  try {
    // Three networks in every region, made straight on each Neutron.
    const tokenRes = await fetch(`${record.auth_url}/auth/tokens`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify(passwordAuth(record.clouds_file)),
    })
    const token = tokenRes.headers.get('x-subject-token')
    const nets = record.endpoints.filter((e) => e.service === 'network')
    await Promise.all(
      nets.flatMap((e) =>
        [1, 2, 3].map((i) =>
          fetch(`${e.url}/v2.0/networks`, {method: 'POST', headers: {'X-Auth-Token': token, 'Content-Type': 'application/json'}, body: JSON.stringify({network: {name: `bench-${e.region}-${i}`}})}),
        ),
      ),
    )
    timed(['token', 'issue'], cliEnv) // the token cache is warm for the runs below
    const runs = [1, 2, 3].map(() => timed(['network', 'list', '--all-regions', '-f', 'value', '-c', 'ID'], cliEnv))
    const rows = runs[0].out.trim().split('\n').length
    return {regions, rows, wall: median(runs.map((r) => r.wall)), cliRss: Math.max(...runs.map((r) => r.rss)), simRss: vmHwmMiB(pid)}
  } finally {
    spawnSync(process.execPath, [bin, 'sim', 'down'], {env})
  }
}

function passwordAuth(cloudsFile) {
  const text = readFileSync(cloudsFile, 'utf8')
  const password = /password: (.+)/.exec(text)[1].trim().replace(/^["']|["']$/g, '')
  return {auth: {identity: {methods: ['password'], password: {user: {name: 'admin', domain: {name: 'Default'}, password}}}, scope: {project: {name: 'admin', domain: {name: 'Default'}}}}}
}

console.log(`mrctl sim bench, ${new Date().toISOString()}, node ${process.version}`)
const firsts = []
for (let i = 0; i < starts; i++) firsts.push(await startToFirstAnswer())
const inproc = inProcessStarts(starts)
// The floor on this machine now: the CLI starting and exiting (`mrctl --version`).
const floor = []
for (let i = 0; i < starts; i++) {
  const t0 = process.hrtime.bigint()
  spawnSync(process.execPath, [bin, '--version'], {env: envFor(mkdtempSync(join(tmpdir(), 'mrctl-bench-sim-'))), stdio: 'ignore'})
  floor.push(Number(process.hrtime.bigint() - t0) / 1e6)
}
console.log(`sim up -> first answered request: median ${median(firsts).toFixed(0)} ms of ${starts} (aim <= 300 ms); min ${Math.min(...firsts).toFixed(0)} ms`)
console.log(`  mrctl --version on this machine now: median ${median(floor).toFixed(0)} ms; sim up costs ${(median(firsts) / median(floor)).toFixed(2)}x that`)
console.log(`  of which startCloud() in process: median ${median(inproc).toFixed(1)} ms (3 regions, 13 listeners)`)
console.log('network list --all-regions (3 networks per region; median of 3 runs):')
console.log(`${'regions'.padStart(8)} ${'rows'.padStart(6)} ${'wall ms'.padStart(9)} ${'mrctl MiB'.padStart(10)} ${'sim MiB'.padStart(8)}`)
const results = []
for (const n of [10, 25, 50]) {
  const r = await listAtScale(n)
  results.push(r)
  console.log(`${String(r.regions).padStart(8)} ${String(r.rows).padStart(6)} ${r.wall.toFixed(0).padStart(9)} ${r.cliRss.toFixed(0).padStart(10)} ${r.simRss.toFixed(0).padStart(8)}`)
}
const [a, , c] = results
console.log(`50 / 10 regions: wall time x${(c.wall / a.wall).toFixed(2)}, sim memory x${(c.simRss / a.simRss).toFixed(2)} (aim: sim memory < 300 MiB at 50 regions)`)
