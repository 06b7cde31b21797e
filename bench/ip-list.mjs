#!/usr/bin/env node
// `mrctl ip list --all-regions` with 500 ports spread over the three regions, as a ratio to the
// slowest single-region `mrctl port list` of the same ports (aim: <= 1.3), and the number of
// requests it sends (counted from --debug: no request per port). Never asserted in tests.
// The ports live in a project made for the run, removed at the end with everything in it.
// `port list --all-regions` is timed too: the same fan-out without the IP view's extra lists, which
// shows what three Neutrons answering at once cost on this machine.
// Usage: node bench/ip-list.mjs [runs] [ports]   (needs the build and ../shared/real-openstack running)
import {spawnSync} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import YAML from 'yaml'

import {BIN, cliTimer, median} from './timing.mjs'

const runs = Number(process.argv[2] ?? 9)
const total = Number(process.argv[3] ?? 500)
const REGIONS = ['CentralRegion', 'RegionOne', 'RegionTwo']
const cloudsPath = process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml'
const auth = YAML.parse(readFileSync(cloudsPath, 'utf8')).clouds['real-openstack'].auth
const env = {...process.env, OS_CLIENT_CONFIG_FILE: cloudsPath, OS_CLOUD: 'real-openstack', MRCTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'mrctl-bench-'))}
delete env.NODE_EXTRA_CA_CERTS

// --- setup and cleanup, straight to the APIs -------------------------------------------------
const login = await fetch(`${auth.auth_url}/auth/tokens`, {
  method: 'POST',
  headers: {'Content-Type': 'application/json'},
  body: JSON.stringify({auth: {identity: {methods: ['password'], password: {user: {name: auth.username, domain: {name: 'Default'}, password: auth.password}}}, scope: {project: {name: auth.project_name, domain: {name: 'Default'}}}}}),
})
const token = login.headers.get('x-subject-token')
const {token: body} = await login.json()
const neutron = Object.fromEntries(
  REGIONS.map((r) => [r, body.catalog.find((s) => s.type === 'network').endpoints.find((e) => e.region_id === r && e.interface === 'public').url.replace(/\/$/, '') + '/v2.0']),
)
async function api(method, url, json) {
  const res = await fetch(url, {method, headers: {'X-Auth-Token': token, ...(json ? {'Content-Type': 'application/json'} : {})}, body: json ? JSON.stringify(json) : undefined})
  const text = await res.text()
  if (!res.ok && res.status !== 404) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`)
  return text ? JSON.parse(text) : undefined
}
async function pool(items, n, fn) {
  const queue = [...items]
  await Promise.all(Array.from({length: n}, async () => {
    while (queue.length) await fn(queue.shift())
  }))
}

const projectName = `bench-ip-${randomBytes(4).toString('hex')}`
const project = (await api('POST', `${auth.auth_url}/projects`, {project: {name: projectName, domain_id: 'default'}})).project
const made = Object.fromEntries(REGIONS.map((r) => [r, {networks: [], ports: []}]))
try {
  const per = REGIONS.map((_, i) => Math.floor(total / REGIONS.length) + (i < total % REGIONS.length ? 1 : 0))
  await Promise.all(
    REGIONS.map(async (r, i) => {
      const net = (await api('POST', `${neutron[r]}/networks`, {network: {name: `${projectName}-net`, project_id: project.id}})).network
      made[r].networks.push(net.id)
      await api('POST', `${neutron[r]}/subnets`, {subnet: {network_id: net.id, cidr: `10.${180 + i}.0.0/22`, ip_version: 4, enable_dhcp: false, project_id: project.id}})
      for (let done = 0; done < per[i]; done += 100) {
        const ports = Array.from({length: Math.min(100, per[i] - done)}, (_, k) => ({network_id: net.id, name: `bp-${done + k}`, project_id: project.id}))
        const res = await api('POST', `${neutron[r]}/ports`, {ports})
        made[r].ports.push(...res.ports.map((p) => p.id))
      }
    }),
  )
  console.log(`${total} ports in project ${projectName}: ${REGIONS.map((r) => `${r} ${made[r].ports.length}`).join(', ')}`)

  // --- timing ------------------------------------------------------------------------------------
  const ms = cliTimer(env)
  ms(['token', 'issue']) // warm the token cache: every run below reuses it
  const P = ['--project', project.id]
  const cases = {
    ...Object.fromEntries(REGIONS.map((r) => [`port list (${r})`, ['port', 'list', '-f', 'json', '--os-region-name', r, ...P]])),
    'port list --all-regions': ['port', 'list', '--all-regions', '-f', 'json', ...P],
    'ip list --all-regions': ['ip', 'list', '--all-regions', '-f', 'json', ...P],
  }
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
  for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) samples[k].push(ms(args)) // interleaved
  const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
  console.log(`median of ${runs} interleaved runs, ${new Date().toISOString()}`)
  for (const [k, v] of Object.entries(med)) console.log(`${k.padEnd(34)} ${v.toFixed(0).padStart(5)} ms`)
  const slowest = Math.max(...REGIONS.map((r) => med[`port list (${r})`]))
  console.log(`ip list --all-regions / slowest single-region port list: ${(med['ip list --all-regions'] / slowest).toFixed(2)} (aim <= 1.3)`)
  // What the fan-out itself costs on this machine (three Neutrons answering at once), for comparison.
  console.log(`port list --all-regions / slowest single-region port list: ${(med['port list --all-regions'] / slowest).toFixed(2)}`)
  console.log(`ip list --all-regions / port list --all-regions: ${(med['ip list --all-regions'] / med['port list --all-regions']).toFixed(2)}`)

  // --- requests, from --debug --------------------------------------------------------------------
  const debug = spawnSync(process.execPath, [BIN, ...cases['ip list --all-regions'], '--debug'], {env, encoding: 'utf8', maxBuffer: 64 << 20})
  const reqs = debug.stderr.split('\n').filter((l) => l.startsWith('REQ: '))
  const rows = JSON.parse(debug.stdout).length
  const byPath = {}
  for (const l of reqs) {
    const u = new URL(/ (https?:\/\/\S+)/.exec(l)[1])
    const key = `${u.port} ${u.pathname}`
    byPath[key] = (byPath[key] ?? 0) + 1
  }
  console.log(`requests: ${reqs.length} for ${rows} addresses of ${total} ports (${reqs.length < total ? 'none per port' : 'PER-PORT REQUESTS'})`)
  for (const [k, n] of Object.entries(byPath).sort()) console.log(`  ${String(n).padStart(3)} × ${k}`)
} finally {
  for (const r of REGIONS) {
    await pool(made[r].ports, 10, (id) => api('DELETE', `${neutron[r]}/ports/${id}`))
    for (const id of made[r].networks) await api('DELETE', `${neutron[r]}/networks/${id}`)
  }
  await api('DELETE', `${auth.auth_url}/projects/${project.id}`)
  console.log(`removed project ${projectName} and its ${total} ports`)
}
