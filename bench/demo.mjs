#!/usr/bin/env node
// `mrctl demo` and `topology apply` on the simulator (never asserted in tests):
// 1. `mrctl demo --time immediate` end to end, process start to exit (aim <= 3 s), median of N
//    runs, next to a baseline measured in the same run: the same work as separate commands
//    (`sim up --detach`, `topology apply` of both example files, `sim down`). The ratio shows what
//    the demo adds (its show, the destroy) or saves (one process, one token, no detach).
// 2. With the sim at 10, 25 and 50 regions: `topology apply` of one container per region (a pod,
//    an image and a container in each region, one central network and subnet): wall time, peak
//    RSS of mrctl and of the sim per size (aim: wall time near flat with bounded concurrency,
//    sim memory under 300 MiB at 50 regions).
// Usage: node bench/demo.mjs [runs]   (needs the build: npm run build; binds free ports only)
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const bin = join(ROOT, 'bin', 'run.js')
const runs = Number(process.argv[2] ?? 5)
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

function envFor(dir) {
  const env = {...process.env, MRCTL_CONFIG_DIR: dir, NO_COLOR: '1', TMPDIR: dir}
  for (const k of Object.keys(env)) if (k.startsWith('OS_')) delete env[k]
  // As bench/startup.mjs: this machine sets NODE_EXTRA_CA_CERTS (~50 ms per process); users mostly do not.
  delete env.NODE_EXTRA_CA_CERTS
  return env
}

/** Runs mrctl under /usr/bin/time: wall ms, peak RSS MiB, stdout. */
function timed(args, env) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], {env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  const wall = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) throw new Error(`mrctl ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`)
  const kb = Number(r.stderr.trim().split('\n').at(-1))
  return {wall, rss: kb / 1024, out: r.stdout}
}

function vmHwmMiB(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) / 1024 : NaN
}

/** A detached sim in its own config folder: its env for mrctl, its pid, and down(). */
function simUp(dir, args) {
  const env = envFor(dir)
  const up = spawnSync(process.execPath, [bin, 'sim', 'up', '--time', 'immediate', '--detach', '--json', ...args], {env, encoding: 'utf8'})
  if (up.status !== 0) throw new Error(`sim up ${args.join(' ')}: ${up.stderr}`)
  const record = JSON.parse(readFileSync(join(dir, 'sim', 'run.json'), 'utf8'))
  return {
    env: {...env, OS_CLOUD: 'sim', OS_CLIENT_CONFIG_FILE: record.clouds_file},
    pid: record.pid,
    regions: record.regions,
    down: () => spawnSync(process.execPath, [bin, 'sim', 'down'], {env}),
  }
}

/** The two example files next to a stand-in image, the second under the first's name (as the demo applies them). */
function exampleCopies(dir) {
  writeFileSync(join(dir, 'container_cirros'), 'a stand-in for docker save cirros\n')
  const first = readFileSync(join(ROOT, 'examples/two-region-containers.yaml'), 'utf8')
  const second = readFileSync(join(ROOT, 'examples/cross-region-lb.yaml'), 'utf8').replace(/^name: .*$/m, 'name: two-region-containers')
  writeFileSync(join(dir, 'a.yaml'), first)
  writeFileSync(join(dir, 'b.yaml'), second)
  return [join(dir, 'a.yaml'), join(dir, 'b.yaml')]
}

function demoOnce() {
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-bench-demo-'))
  return timed(['demo', '--time', 'immediate'], envFor(dir)).wall
}

function baselineOnce() {
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-bench-demo-'))
  const [a, b] = exampleCopies(dir)
  const t0 = process.hrtime.bigint()
  const sim = simUp(dir, [])
  try {
    timed(['topology', 'apply', '-f', a, '--yes'], sim.env)
    timed(['topology', 'apply', '-f', b, '--yes'], sim.env)
  } finally {
    sim.down()
  }
  return Number(process.hrtime.bigint() - t0) / 1e6
}

/** CentralRegion plus `regions`: a pod, an image and a container in each, on one central network. */
function scaleTopology(dir, regions) {
  const others = regions.filter((r) => r !== 'CentralRegion')
  const doc = {
    name: 'bench-scale',
    pods: [{region: 'CentralRegion'}, ...others.map((r, i) => ({region: r, availability_zone: `az${i + 1}`}))],
    images: [{name: 'img', file: 'container_cirros', container_format: 'docker', disk_format: 'raw', regions: others}],
    networks: [{name: 'scale-net', region: 'CentralRegion', subnets: [{name: 'scale-subnet', cidr: '10.20.0.0/16'}]}],
    containers: others.map((r, i) => ({name: `c${i + 1}`, region: r, image: 'img', networks: ['scale-net'], command: ['sleep', '3600']})),
  }
  writeFileSync(join(dir, 'container_cirros'), 'a stand-in for docker save cirros\n')
  const file = join(dir, 'scale.json.yaml')
  writeFileSync(file, JSON.stringify(doc, null, 1))
  return file
}

function applyAtScale(n) {
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-bench-demo-'))
  const sim = simUp(dir, ['--region-count', String(n)])
  try {
    const file = scaleTopology(dir, sim.regions)
    timed(['token', 'issue'], sim.env) // a warm token cache, as for every later command
    const r = timed(['topology', 'apply', '-f', file, '--yes'], sim.env)
    const containers = timed(['appcontainer', 'list', '--all-regions', '-f', 'value', '-c', 'status'], sim.env).out.trim().split('\n').filter((l) => l === 'Running').length
    return {regions: n, containers, wall: r.wall, cliRss: r.rss, simRss: vmHwmMiB(sim.pid)}
  } finally {
    sim.down()
  }
}

console.log(`mrctl demo bench, ${new Date().toISOString()}, node ${process.version}, ${runs} runs`)
const demo = []
const base = []
for (let i = 0; i < runs; i++) {
  demo.push(demoOnce())
  base.push(baselineOnce())
}
const d = median(demo)
const b = median(base)
console.log(`mrctl demo --time immediate, start to exit: median ${(d / 1000).toFixed(2)} s (min ${(Math.min(...demo) / 1000).toFixed(2)} s; aim <= 3 s)`)
console.log(`  baseline, the same applies as separate commands (sim up --detach, topology apply x2, sim down; no show, no destroy): median ${(b / 1000).toFixed(2)} s`)
console.log(`  demo / baseline: ${(d / b).toFixed(2)}x`)
console.log('topology apply, one container per region (and a pod and an image in each), --time immediate, concurrency 8:')
console.log(`${'regions'.padStart(8)} ${'running'.padStart(8)} ${'wall ms'.padStart(9)} ${'mrctl MiB'.padStart(10)} ${'sim MiB'.padStart(8)}`)
const results = []
for (const n of [10, 25, 50]) {
  const r = applyAtScale(n)
  results.push(r)
  console.log(`${String(r.regions).padStart(8)} ${String(r.containers).padStart(8)} ${r.wall.toFixed(0).padStart(9)} ${r.cliRss.toFixed(0).padStart(10)} ${r.simRss.toFixed(0).padStart(8)}`)
}
const [a, , c] = results
console.log(`50 / 10 regions: wall time x${(c.wall / a.wall).toFixed(2)} for x5 the steps, sim memory x${(c.simRss / a.simRss).toFixed(2)} (aim: sim memory < 300 MiB at 50 regions)`)
