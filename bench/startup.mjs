#!/usr/bin/env node
// Cold start of mrctl next to its floors, measured in the same run (never asserted in tests):
//   `mrctl --help`                           vs `node -e 0`
//   `mrctl network list` (warm token cache)  vs `curl` of the same GET /v2.0/networks
// Usage: node bench/startup.mjs [runs]   (needs the build, and ../shared/real-openstack running)
import {spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

const runs = Number(process.argv[2] ?? 21)
const root = resolve(import.meta.dirname, '..')
const bin = join(root, 'bin', 'run.js')
const clouds = process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml'
const env = {...process.env, OS_CLIENT_CONFIG_FILE: clouds, OS_CLOUD: 'real-openstack', MRCTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'mrctl-bench-'))}
// This machine sets NODE_EXTRA_CA_CERTS, which costs Node 20 ~50 ms per process; users mostly do not.
delete env.NODE_EXTRA_CA_CERTS

function run(cmd, args) {
  const t = process.hrtime.bigint()
  const r = spawnSync(cmd, args, {env, stdio: ['ignore', 'pipe', 'pipe']})
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return {ms, out: r.stdout.toString()}
}

function median(cmd, args) {
  run(cmd, args) // warm-up (file cache)
  const times = Array.from({length: runs}, () => run(cmd, args).ms).sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

const token = run(process.execPath, [bin, 'token', 'issue', '-f', 'value', '-c', 'id']).out.trim()
const rows = []
const node0 = median(process.execPath, ['-e', '0'])
const help = median(process.execPath, [bin, '--help'])
rows.push(['node -e 0 (floor)', node0], ['mrctl --help', help])
const curl = median('curl', ['-sf', '-H', `X-Auth-Token: ${token}`, 'http://127.0.0.1:9696/v2.0/networks'])
const list = median(process.execPath, [bin, 'network', 'list', '-f', 'json'])
const table = median(process.execPath, [bin, 'network', 'list'])
rows.push(['curl GET /v2.0/networks (floor)', curl], ['mrctl network list -f json', list], ['mrctl network list (table)', table])

console.log(`median of ${runs} runs, ${new Date().toISOString()}, node ${process.version}, NODE_EXTRA_CA_CERTS unset`)
for (const [name, ms] of rows) console.log(`${name.padEnd(34)} ${ms.toFixed(0).padStart(5)} ms`)
console.log(`--help: ${help.toFixed(0)} ms (target < 150 ms); ${(help - node0).toFixed(0)} ms above node -e 0`)
console.log(`network list -f json: ${(list - curl).toFixed(0)} ms above curl, ratio ${(list / curl).toFixed(2)} (target: within 150 ms)`)
