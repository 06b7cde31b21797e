#!/usr/bin/env node
// The container guide's "How to play" (two docker images, the central network and subnet, one
// container per region waited to Running) three ways, on the same services, in the same run:
//   1. the `openstack` commands of the guide, one after another, as a shell script would run them
//      (ids copied between steps, `appcontainer show` polled until Running);
//   2. the same steps as single `mrctl` commands (`--wait` instead of the polling);
//   3. `mrctl topology apply` of the same topology.
// Prints the three wall times, the ratios, and apply's critical path (its slowest chain of steps).
// Aim: apply ≤ critical path + 0.5 s, ≥ 3.5× faster than the openstack script. Timing only here,
// never in tests. Usage (the emulators bind fixed ports: take the lock):
//   flock /tmp/mrctl-it.lock node bench/topology-apply.mjs [runs]
import {spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

const runs = Number(process.argv[2] ?? 1)
const root = resolve(import.meta.dirname, '..')
const bin = join(root, 'bin', 'run.js')
const work = mkdtempSync(join(tmpdir(), 'mrctl-bench-topo-'))
const env = {
  ...process.env,
  OS_CLIENT_CONFIG_FILE: process.env.MRCTL_IT_CLOUDS ?? '/var/tmp/real-openstack/clouds.yaml',
  OS_CLOUD: 'real-openstack',
  MRCTL_CONFIG_DIR: join(work, 'config'),
  NO_COLOR: '1',
}
delete env.NODE_EXTRA_CA_CERTS
delete env.OS_REGION_NAME

/** `--os-region-name R` moved after the command words. */
function globalsLast(args) {
  const i = args.indexOf('--os-region-name')
  if (i < 0) return args
  const rest = [...args.slice(0, i), ...args.slice(i + 2)]
  // Before the image/command remainder of `appcontainer run`: right after the command words.
  const at = rest.findIndex((a) => a.startsWith('-'))
  return at < 0 ? [...rest, ...args.slice(i, i + 2)] : [...rest.slice(0, at), ...args.slice(i, i + 2), ...rest.slice(at)]
}

function sh(cmd, args, {check = true} = {}) {
  const r = spawnSync(cmd, args, {env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  if (check && r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`)
  return r.stdout.trim()
}
/** mrctl with the global options after the command words (where every mrctl version takes them). */
const mrctl = (...args) => sh(process.execPath, [bin, ...globalsLast(args)])
const timed = (fn) => {
  const t = process.hrtime.bigint()
  const out = fn()
  return {ms: Number(process.hrtime.bigint() - t) / 1e6, out}
}

const image = join(work, 'container_cirros')
writeFileSync(image, Buffer.alloc(1024 * 1024, 7))

function names(tag) {
  return {topology: `bench-${tag}`, image: `bench_cirros-${tag}`, net: `bench-net-${tag}`, subnet: `bench-subnet-${tag}`, c1: `bench-c1-${tag}`, c2: `bench-c2-${tag}`}
}

/**
 * The guide's steps, run with one tool (`openstack` or `mrctl`), one process each, one after
 * another as in a shell script, ids copied between steps. `waitFlag` is mrctl's `--wait`; without
 * it the script polls `appcontainer show` (each poll a whole process, as a reader would).
 */
function guideSteps(run, n, waitFlag) {
  const R = (r) => ['--os-region-name', r]
  run(...R('RegionOne'), 'image', 'create', '--container-format', 'docker', '--disk-format', 'raw', '--file', image, n.image)
  run(...R('RegionTwo'), 'image', 'create', '--container-format', 'docker', '--disk-format', 'raw', '--file', image, n.image)
  run(...R('CentralRegion'), 'network', 'create', n.net)
  run(...R('CentralRegion'), 'subnet', 'create', '--subnet-range', '10.0.60.0/24', '--network', n.net, n.subnet)
  const net = run(...R('CentralRegion'), 'network', 'show', '-f', 'value', '-c', 'id', n.net)
  const img1 = run(...R('RegionOne'), 'image', 'show', '-f', 'value', '-c', 'id', n.image)
  const img2 = run(...R('RegionTwo'), 'image', 'show', '-f', 'value', '-c', 'id', n.image)
  const wait = waitFlag ? [waitFlag] : []
  run(...R('RegionOne'), 'appcontainer', 'run', '--name', n.c1, '--net', `network=${net}`, '--image-driver', 'glance', ...wait, img1, 'sudo', 'nc', '-l', '-p', '5000')
  run(...R('RegionTwo'), 'appcontainer', 'run', '--name', n.c2, '--net', `network=${net}`, '--image-driver', 'glance', ...wait, img2, 'sudo', 'nc', '-l', '-p', '5000')
  if (waitFlag) return
  for (const [r, c] of [['RegionOne', n.c1], ['RegionTwo', n.c2]]) {
    const deadline = Date.now() + 120_000
    while (run(...R(r), 'appcontainer', 'show', '-f', 'value', '-c', 'status', c) !== 'Running') if (Date.now() > deadline) throw new Error(`${c} never ran`)
  }
}
const openstackScript = (n) => guideSteps((...a) => sh('openstack', a), n)
const mrctlCommands = (n) => guideSteps(mrctl, n, '--wait')

function topologyFile(n) {
  const file = join(work, `${n.topology}.yaml`)
  writeFileSync(
    file,
    `name: ${n.topology}
pods:
  - region: CentralRegion
  - region: RegionOne
    availability_zone: az1
  - region: RegionTwo
    availability_zone: az2
images:
  - name: ${n.image}
    file: ${image}
    regions: [RegionOne, RegionTwo]
networks:
  - name: ${n.net}
    region: CentralRegion
    subnets:
      - name: ${n.subnet}
        cidr: 10.0.60.0/24
containers:
  - {name: ${n.c1}, region: RegionOne, image: ${n.image}, networks: [${n.net}], command: [sudo, nc, -l, -p, "5000"]}
  - {name: ${n.c2}, region: RegionTwo, image: ${n.image}, networks: [${n.net}], command: [sudo, nc, -l, -p, "5000"]}
`,
  )
  return file
}

function cleanup(n) {
  // The resources of the script and the single commands carry no mark: remove them by name.
  for (const [r, c] of [['RegionOne', n.c1], ['RegionTwo', n.c2]]) sh(process.execPath, [bin, 'appcontainer', 'delete', '--os-region-name', r, '--stop', '--wait', c], {check: false})
  for (const r of ['RegionOne', 'RegionTwo']) sh(process.execPath, [bin, 'image', 'delete', '--os-region-name', r, n.image], {check: false})
  sh(process.execPath, [bin, 'network', 'delete', '--os-region-name', 'CentralRegion', n.net], {check: false})
}

mrctl('sim', 'up', '--cloud', 'real-openstack', '--detach')
try {
  mrctl('multiregion', 'networking', 'pod', 'bootstrap', '--az', 'RegionOne=az1', '--az', 'RegionTwo=az2')
  mrctl('token', 'issue') // the token cache is warm for every mrctl run below, as for a user
  const rows = []
  for (let i = 0; i < runs; i++) {
    const tag = `${Date.now().toString(36)}${i}`
    const a = names(`os${tag}`)
    const b = names(`cmd${tag}`)
    const c = names(`topo${tag}`)
    const script = timed(() => openstackScript(a)).ms
    cleanup(a)
    const commands = timed(() => mrctlCommands(b)).ms
    cleanup(b)
    const file = topologyFile(c)
    const apply = timed(() => JSON.parse(mrctl('topology', 'apply', '-f', file, '--yes', '--json')))
    mrctl('topology', 'destroy', '-f', file, '--yes')
    const result = apply.out.result
    const failed = result.steps.filter((s) => s.status !== 'done')
    if (failed.length) throw new Error(`apply failed: ${JSON.stringify(failed)}`)
    rows.push({script, commands, apply: apply.ms, critical: result.criticalPath.ms, path: result.criticalPath.steps})
  }
  const median = (k) => [...rows.map((r) => r[k])].sort((x, y) => x - y)[Math.floor(rows.length / 2)]
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`
  const m = {script: median('script'), commands: median('commands'), apply: median('apply'), critical: median('critical')}
  console.log(`median of ${runs} run(s), ${new Date().toISOString()}, the same services and emulators for all three`)
  console.log(`openstack script (guide steps, sequential)   ${s(m.script)}`)
  console.log(`single mrctl commands (same steps)           ${s(m.commands)}`)
  console.log(`mrctl topology apply                         ${s(m.apply)}   (process start to exit)`)
  console.log(`apply's critical path                        ${s(m.critical)}: ${rows[0].path.join(' → ')}`)
  console.log(`apply − critical path                        ${s(m.apply - m.critical)}   (aim ≤ 0.50 s)`)
  console.log(`openstack script / apply                     ${(m.script / m.apply).toFixed(2)}×   (aim ≥ 3.5×)`)
  console.log(`single mrctl commands / apply                ${(m.commands / m.apply).toFixed(2)}×`)
} finally {
  mrctl('sim', 'down')
}
