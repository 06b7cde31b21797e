#!/usr/bin/env node
// `mrctl image sync` of a 256 MiB image from RegionOne to two regions (RegionTwo's real Glance
// and a third real Glance started here as RegionThree) against one streaming copy to one region,
// in the same run; and the peak RSS of the process (GNU time). Aim: two targets ≤ 1.3× one, peak
// RSS < 150 MiB. Timing only here, never in tests.
// Usage: node bench/image-sync.mjs [runs] [MiB]   (needs the build and ../shared/real-openstack)
import {spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {cloudsWithRegionThree, startExtraGlance} from './lib/extra-glance.mjs'

const runs = Number(process.argv[2] ?? 3)
const mib = Number(process.argv[3] ?? 256)
const root = resolve(import.meta.dirname, '..')
const bin = join(root, 'bin', 'run.js')
const work = mkdtempSync(join(tmpdir(), 'mrctl-bench-sync-'))
const glance3 = await startExtraGlance()
const env = {
  ...process.env,
  OS_CLIENT_CONFIG_FILE: await cloudsWithRegionThree(process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml', glance3.url, join(work, 'clouds.yaml')),
  OS_CLOUD: 'real-openstack',
  MRCTL_CONFIG_DIR: join(work, 'config'),
}
delete env.NODE_EXTRA_CA_CERTS
delete env.OS_REGION_NAME

/** Runs mrctl under GNU time: wall ms and peak RSS (KiB). */
function measured(args) {
  const t = process.hrtime.bigint()
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], {env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024})
  const ms = Number(process.hrtime.bigint() - t) / 1e6
  if (r.status !== 0) throw new Error(`mrctl ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return {ms, rssKiB: Number(r.stderr.trim().split('\n').at(-1))}
}
const mrctl = (...args) => {
  // The region option after the command words (where every mrctl version takes it).
  const i = args.indexOf('--os-region-name')
  const argv = i < 0 ? args : [...args.slice(0, i), ...args.slice(i + 2), ...args.slice(i, i + 2)]
  const r = spawnSync(process.execPath, [bin, ...argv], {env, encoding: 'utf8'})
  if (r.status !== 0) throw new Error(`mrctl ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r.stdout.trim()
}

const name = `bench-sync-${Date.now().toString(36)}`
const file = join(work, 'image.raw')
const data = Buffer.alloc(mib * 1024 * 1024)
for (let i = 0; i < data.length; i += 4096) data.writeUInt32BE(i >>> 0, i)
writeFileSync(file, data)
const sourceId = mrctl('--os-region-name', 'RegionOne', 'image', 'create', '--container-format', 'bare', '--disk-format', 'raw', '--file', file, name, '-f', 'value', '-c', 'id')
mrctl('token', 'issue')
const deleteCopies = () => {
  for (const region of ['RegionTwo', 'RegionThree']) {
    const ids = mrctl('--os-region-name', region, 'image', 'list', '--name', name, '-f', 'value', '-c', 'ID').split('\n').filter(Boolean)
    for (const id of ids) mrctl('--os-region-name', region, 'image', 'delete', id)
  }
}
try {
  const one = []
  const two = []
  for (let i = 0; i < runs; i++) {
    // Interleaved, so that both see the same machine.
    one.push(measured(['image', 'sync', name, '--from', 'RegionOne', '--to', 'RegionTwo']))
    deleteCopies()
    two.push(measured(['image', 'sync', name, '--from', 'RegionOne', '--to', 'RegionTwo', '--to', 'RegionThree']))
    deleteCopies()
  }
  const median = (xs, k) => [...xs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const peak = (xs) => Math.max(...xs.map((x) => x.rssKiB)) / 1024
  console.log(`${mib} MiB, median of ${runs} interleaved runs, ${new Date().toISOString()}`)
  console.log(`sync to one region (RegionTwo)                 ${(median(one, 'ms') / 1000).toFixed(2)} s   peak RSS ${peak(one).toFixed(0)} MiB`)
  console.log(`sync to two regions (RegionTwo, RegionThree)   ${(median(two, 'ms') / 1000).toFixed(2)} s   peak RSS ${peak(two).toFixed(0)} MiB`)
  console.log(`two / one                                      ${(median(two, 'ms') / median(one, 'ms')).toFixed(2)}×   (aim ≤ 1.3×; peak RSS aim < 150 MiB)`)
} finally {
  deleteCopies()
  mrctl('--os-region-name', 'RegionOne', 'image', 'delete', sourceId)
  await glance3.stop()
}
