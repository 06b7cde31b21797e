#!/usr/bin/env node
// mrctl's start-up next to its floors, measured in the same run and printed as ratios (never
// asserted in tests). Medians of N runs (21 by default), the commands taking turns so that the
// machine's load falls on all of them alike:
//   node -e 0                                   the floor of any Node program
//   curl GET <Neutron>/v2.0/networks            the floor of the API call (same URL and token)
//   mrctl --help                                goal: <= 80 ms
//   mrctl network list (warm token)             goal: <= node -e 0 + curl + 60 ms, peak RSS <= 60 MiB
//   mrctl network list --all-regions            goal: <= 1.1x the one-region list (3 regions)
// Each process reports its CPU time and peak RSS (a one-line preload, given to the floor too).
// Runs under the Node that runs it: `node24 bench/startup.mjs` measures mrctl on Node 24.
// Usage: node bench/startup.mjs [runs] [--json FILE]
// Needs the build and ../shared/real-openstack running; uses a private 0600 copy of its
// clouds.yaml (MRCTL_IT_CLOUDS) and a private config folder (token and compile caches), removed after.
import {spawnSync} from 'node:child_process'
import {chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

const args = process.argv.slice(2)
const jsonAt = args.indexOf('--json')
const jsonFile = jsonAt === -1 ? undefined : args.splice(jsonAt, 2)[1]
const runs = Number(args[0] ?? 21)
const root = resolve(import.meta.dirname, '..')
const bin = join(root, 'bin', 'run.js')
const cloud = process.env.MRCTL_BENCH_CLOUD ?? 'real-openstack'

const dir = mkdtempSync(join(tmpdir(), 'mrctl-bench-'))
process.on('exit', () => rmSync(dir, {recursive: true, force: true}))
const clouds = join(dir, 'clouds.yaml')
copyFileSync(process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml', clouds)
chmodSync(clouds, 0o600)
const preload = join(dir, 'rusage.cjs')
writeFileSync(
  preload,
  "process.on('exit', () => { const r = process.resourceUsage(); require('fs').writeSync(2, `\\n@rusage ${r.userCPUTime + r.systemCPUTime} ${r.maxRSS}\\n`) })\n",
)
const env = {...process.env, OS_CLIENT_CONFIG_FILE: clouds, OS_CLOUD: cloud, MRCTL_CONFIG_DIR: join(dir, 'config'), NO_COLOR: '1'}
for (const k of Object.keys(env)) if (k.startsWith('OS_') && !['OS_CLIENT_CONFIG_FILE', 'OS_CLOUD'].includes(k)) delete env[k]
delete env.MRCTL_CACHE_DIR
delete env.NODE_COMPILE_CACHE
// This machine sets NODE_EXTRA_CA_CERTS, which costs Node 20 ~50 ms per process; users mostly do not.
delete env.NODE_EXTRA_CA_CERTS

function once(cmd, argv) {
  const node = cmd === process.execPath
  const t = process.hrtime.bigint()
  const r = spawnSync(cmd, node ? ['-r', preload, ...argv] : argv, {env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']})
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`)
  const usage = /@rusage (\d+) (\d+)/.exec(r.stderr)
  return {ms, cpu: usage ? Number(usage[1]) / 1000 : NaN, rss: usage ? Number(usage[2]) / 1024 : NaN, out: r.stdout, err: r.stderr}
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// A warm token and the endpoint mrctl calls (its --debug line), for curl to call the same.
const first = once(process.execPath, [bin, '--debug', 'network', 'list', '-f', 'value', '-c', 'ID'])
const url = /REQ: curl -g -i -X GET (\S+)/.exec(first.err)?.[1]
const token = once(process.execPath, [bin, 'token', 'issue', '-f', 'value', '-c', 'id']).out.trim()
if (!url || !token) throw new Error(`no Neutron URL or token from mrctl: ${first.err}`)
// One GET per region of the cloud.
const regions = once(process.execPath, [bin, '--debug', 'network', 'list', '--all-regions', '-f', 'value']).err.match(/^REQ: curl .* GET \S+\/v2\.0\/networks /gm)?.length ?? 0

const cases = {
  node0: [process.execPath, ['-e', '0']],
  curl: ['curl', ['-sf', '-o', '/dev/null', '-H', `X-Auth-Token: ${token}`, url]],
  help: [process.execPath, [bin, '--help']],
  list: [process.execPath, [bin, 'network', 'list']],
  all: [process.execPath, [bin, 'network', 'list', '--all-regions']],
}
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
for (const [cmd, argv] of Object.values(cases)) once(cmd, argv) // warm-up: file cache, compile cache
for (let i = 0; i < runs; i++) for (const [name, [cmd, argv]] of Object.entries(cases)) samples[name].push(once(cmd, argv))
const m = Object.fromEntries(
  Object.entries(samples).map(([k, s]) => [k, {ms: median(s.map((x) => x.ms)), cpu: median(s.map((x) => x.cpu)), rss: median(s.map((x) => x.rss))}]),
)

const ms = (x) => `${x.toFixed(0).padStart(4)} ms`
const mib = (x) => `${x.toFixed(1)} MiB`
const verdict = (ok) => (ok ? 'met' : 'NOT met')
const floor = m.node0.ms + m.curl.ms
const result = {
  node: process.version,
  runs,
  medians: m,
  help: {ms: m.help.ms, ratioNode: m.help.ms / m.node0.ms, goal: m.help.ms <= 80},
  list: {ms: m.list.ms, overFloor: m.list.ms - floor, ratioFloor: m.list.ms / floor, goal: m.list.ms - floor <= 60},
  rss: {mib: m.list.rss, goal: m.list.rss <= 60},
  allRegions: {regions, ratio: m.all.ms / m.list.ms, goal: m.all.ms / m.list.ms <= 1.1},
}

console.log(`mrctl start-up, node ${process.version}, median of ${runs} runs, ${new Date().toISOString()}, NODE_EXTRA_CA_CERTS unset`)
console.log(`${''.padEnd(36)}  wall     cpu      peak RSS`)
const line = (name, x) => console.log(`${name.padEnd(36)} ${ms(x.ms)}  ${Number.isNaN(x.cpu) ? '      ' : ms(x.cpu)}  ${Number.isNaN(x.rss) ? '' : mib(x.rss)}`)
line('node -e 0 (floor)', m.node0)
line('curl GET /v2.0/networks (floor)', m.curl)
line('mrctl --help', m.help)
line('mrctl network list', m.list)
line(`mrctl network list --all-regions (${regions})`, m.all)
console.log(`--help: ${ms(m.help.ms)} = ${result.help.ratioNode.toFixed(1)}x node -e 0; goal <= 80 ms: ${verdict(result.help.goal)}`)
console.log(
  `network list: ${ms(m.list.ms)} = node -e 0 + curl + ${result.list.overFloor.toFixed(0)} ms (${result.list.ratioFloor.toFixed(2)}x their sum); goal <= +60 ms: ${verdict(result.list.goal)}`,
)
console.log(`network list peak RSS: ${mib(m.list.rss)} (node -e 0: ${mib(m.node0.rss)}); goal <= 60 MiB: ${verdict(result.rss.goal)}`)
console.log(`--all-regions over ${regions} regions: ${result.allRegions.ratio.toFixed(2)}x one region; goal <= 1.1x: ${verdict(result.allRegions.goal)}`)
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`)
