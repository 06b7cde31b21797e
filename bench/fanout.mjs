#!/usr/bin/env node
// `mrctl network list --all-regions` (three regions in parallel) as a ratio to the slowest
// single-region `mrctl network list`, in the same run (aim: <= 1.2). Never asserted in tests.
// Usage: node bench/fanout.mjs [runs]   (needs the build and ../shared/real-openstack running)
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {cliTimer, median} from './timing.mjs'

const runs = Number(process.argv[2] ?? 15)
const env = {
  ...process.env,
  OS_CLIENT_CONFIG_FILE: process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml',
  OS_CLOUD: 'real-openstack',
  MRCTL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'mrctl-bench-')),
}
delete env.NODE_EXTRA_CA_CERTS

const ms = cliTimer(env)
ms(['token', 'issue']) // warm the token cache: every run below reuses it
const cases = {
  CentralRegion: ['network', 'list', '-f', 'json', '--os-region-name', 'CentralRegion'],
  RegionOne: ['network', 'list', '-f', 'json', '--os-region-name', 'RegionOne'],
  RegionTwo: ['network', 'list', '-f', 'json', '--os-region-name', 'RegionTwo'],
  'all regions': ['network', 'list', '-f', 'json', '--all-regions'],
}
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(cases)) samples[k].push(ms(args)) // interleaved
const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
console.log(`median of ${runs} interleaved runs, ${new Date().toISOString()}`)
for (const [k, v] of Object.entries(med)) console.log(`${`network list (${k})`.padEnd(34)} ${v.toFixed(0).padStart(5)} ms`)
const slowest = Math.max(med.CentralRegion, med.RegionOne, med.RegionTwo)
console.log(`--all-regions / slowest single region: ${(med['all regions'] / slowest).toFixed(2)} (aim <= 1.2)`)
