/**
 * `mrctl devstack …`, `mrctl doctor` and `mrctl multiregion networking pod bootstrap` through the
 * built CLI, as the container guide's operator would type them: against the real Keystone,
 * Neutron, Glance and Octavia and the Zun/Tricircle emulators (`mrctl sim serve`), and on copies
 * of the fixture config files and source checkouts. oslo.config itself (Debian's python3, which
 * the real services run on) reads the files `configure` writes.
 */
import {execFileSync} from 'node:child_process'
import {chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {CLOUDS, endpoint, mrctl, ROOT, type RunResult, startEmulators, T, tempConfigDir, uniqueName} from './harness.js'

const dir = tempConfigDir()
// A private 0600 copy: the shared clouds.yaml may be left world-readable, which mrctl warns about on stderr.
const clouds = join(dir, 'clouds.yaml')
writeFileSync(clouds, readFileSync(CLOUDS), {mode: 0o600})
const run = (args: string[], env?: Record<string, string | undefined>) => mrctl(args, {configDir: dir, env: {OS_CLIENT_CONFIG_FILE: clouds, ...env}})
const FIXTURES = join(ROOT, 'test/fixtures/devstack')
const created = {images: [] as Array<{region: string; id: string}>}
let emulators: Awaited<ReturnType<typeof startEmulators>> | undefined
const origin = (url: string) => `${new URL(url).origin}/`

function ok(r: RunResult): RunResult {
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return r
}

async function podList(): Promise<Array<{region: string; id: string}>> {
  const r = ok(await run(['multiregion', 'networking', 'pod', 'list', '-f', 'json']))
  return r.json.map((p: Record<string, string>) => ({region: p['Region Name'], id: p.ID}))
}

async function deleteAllPods(): Promise<void> {
  for (const p of await podList()) ok(await run(['multiregion', 'networking', 'pod', 'delete', p.id]))
}

/** What oslo.config itself loads for [group] region_name from a file. */
function osloRegion(file: string, group: string): string {
  const py = [
    'import sys',
    'from oslo_config import cfg',
    'c = cfg.ConfigOpts()',
    'c.register_opts([cfg.StrOpt("region_name")], group=sys.argv[2])',
    'c(args=[], default_config_files=[sys.argv[1]])',
    'print(getattr(c, sys.argv[2]).region_name)',
  ].join('\n')
  return execFileSync('/usr/bin/python3', ['-c', py, file, group], {encoding: 'utf8'}).trim()
}

beforeAll(async () => {
  emulators = await startEmulators()
  await deleteAllPods()
})

afterAll(async () => {
  for (const i of created.images) await run(['image', 'delete', '--os-region-name', i.region, i.id])
  await deleteAllPods().catch(() => undefined)
  await emulators?.stop()
})

describe('doctor, pod bootstrap and devstack pods against the real services and the emulators', () => {
  it('doctor before the pods and images: every service answers, the pods and docker images fail with hints, exit 1', async () => {
    const r = await run(['doctor', '--json'])
    expect(r.code).toBe(1)
    expect(r.json.status).toBe(1)
    const by = (check: string, region = '') => r.json.result.find((c: {check: string; region: string}) => c.check === check && c.region === region)
    expect(by('authentication').status).toBe('pass')
    expect(by('clock').status).toBe('pass')
    expect(by('endpoint identity').status).toBe('pass')
    expect(by('endpoint identity').detail).toMatch(new RegExp(`^${origin(T.authUrl)}: v3\\.\\d+ stable$`))
    for (const [type, region] of [
      ['network', 'CentralRegion'],
      ['tricircle', 'CentralRegion'],
      ['network', 'RegionOne'],
      ['image', 'RegionOne'],
      ['container', 'RegionOne'],
      ['load-balancer', 'RegionOne'],
      ['network', 'RegionTwo'],
      ['image', 'RegionTwo'],
      ['container', 'RegionTwo'],
    ]) {
      expect(by(`endpoint ${type}`, region)).toMatchObject({status: 'pass'})
      expect(by(`endpoint ${type}`, region).detail.startsWith(origin(endpoint(type, region)))).toBe(true)
    }
    expect(by('catalog', 'CentralRegion').status).toBe('pass')
    expect(by('catalog', 'RegionOne').status).toBe('pass')
    expect(by('catalog', 'RegionTwo')).toMatchObject({status: 'warn', detail: 'offers container, identity, image, network; no load-balancer'})
    expect(by('pods', 'CentralRegion')).toMatchObject({status: 'fail', hint: 'mrctl multiregion networking pod bootstrap --az RegionOne=az1 --az RegionTwo=az2'})
    expect(by('zun services', 'RegionOne').status).toBe('pass')
    expect(by('zun services', 'RegionTwo').status).toBe('pass')
    for (const region of ['RegionOne', 'RegionTwo']) {
      // Other test files may leave docker images behind: fail only when there is none.
      const img = by('docker image', region)
      expect(['pass', 'fail']).toContain(img.status)
    }
    for (const c of r.json.result) expect(typeof c.ms).toBe('number')

    const table = await run(['doctor'])
    expect(table.code).toBe(1)
    expect(table.stdout.split('\n')[1]).toMatch(/^\| Check +\| Region +\| Result \| Latency \(ms\) \| Detail +\| Hint +\|$/)
    expect(table.stdout).toMatch(/\| pods +\| CentralRegion \| fail +\|/)
  })

  it('pod bootstrap: asks for the missing AZs, refuses a region outside the cloud, then creates the three pods once', async () => {
    const noAz = await run(['multiregion', 'networking', 'pod', 'bootstrap'])
    expect(noAz.code).toBe(2)
    expect(noAz.stderr).toContain('no availability zone for RegionOne, RegionTwo, which have no pod yet\n  give one per region: --az RegionOne=az1 --az RegionTwo=az2\n')
    const stray = await run(['multiregion', 'networking', 'pod', 'bootstrap', '--az', 'RegionOne=az1', '--az', 'RegionThree=az3'])
    expect(stray.code).toBe(2)
    expect(stray.stderr).toContain('--az RegionThree: not a pod region of this cloud')
    expect(await podList()).toEqual([])

    const first = ok(await run(['multiregion', 'networking', 'pod', 'bootstrap', '--az', 'RegionOne=az1', '--az', 'RegionTwo=az2']))
    const lines = first.stdout.trimEnd().split('\n')
    expect(lines[1]).toMatch(/^\| Region Name +\| Availability Zone \| Pod ID +\| Result +\|$/)
    expect(lines[3]).toMatch(/^\| CentralRegion \| {19}\| [0-9a-f-]{36} \| created \|$/)
    expect(lines[4]).toMatch(/^\| RegionOne {5}\| az1 {15}\| [0-9a-f-]{36} \| created \|$/)
    expect(lines[5]).toMatch(/^\| RegionTwo {5}\| az2 {15}\| [0-9a-f-]{36} \| created \|$/)
    const pods = await podList()
    expect(pods.map((p) => p.region).sort()).toEqual(['CentralRegion', 'RegionOne', 'RegionTwo'])

    const again = ok(await run(['multiregion', 'networking', 'pod', 'bootstrap', '-f', 'json']))
    expect(again.json.map((o: Record<string, string>) => [o['Region Name'], o['Availability Zone'], o.Result])).toEqual([
      ['CentralRegion', '', 'exists'],
      ['RegionOne', 'az1', 'exists'],
      ['RegionTwo', 'az2', 'exists'],
    ])
    expect(await podList()).toEqual(pods)
  })

  it("devstack pods (the guide's step 5) shares that code: idempotent, refuses another AZ and a region not in the catalog, creating nothing", async () => {
    const before = await podList()
    const same = ok(await run(['devstack', 'pods', '--central-region', 'CentralRegion', '--pod', 'RegionOne=az1', '--pod', 'RegionTwo=az2', '--json']))
    expect(same.json.result.map((o: Record<string, string>) => o.Result)).toEqual(['exists', 'exists', 'exists'])
    const otherAz = await run(['devstack', 'pods', '--pod', 'RegionOne=az1', '--pod', 'RegionTwo=az9'])
    expect(otherAz.code).toBe(1)
    expect(otherAz.stderr).toMatch(/^pods exist that differ from what was asked: RegionTwo has a pod in availability zone az2, not az9 \(pod [0-9a-f-]{36}\)\n/)
    const unknown = await run(['devstack', 'pods', '--pod', 'RegionOne=az1', '--pod', 'RegionThree=az3', '--json'])
    expect(unknown.code).toBe(2)
    expect(unknown.json).toMatchObject({
      status: 2,
      message: "RegionThree is not a region of the Keystone catalog: a Tricircle pod's name must be a Keystone region",
    })
    const bad = await run(['devstack', 'pods', '--pod', 'RegionOne'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--pod "RegionOne" is not REGION=AZ')
    expect(await podList()).toEqual(before)
  })

  it('doctor passes (exit 0) once each Zun region has a docker-format image; --region narrows it', async () => {
    const file = join(dir, 'container_cirros.tar')
    writeFileSync(file, Buffer.alloc(32 * 1024, 3))
    const name = uniqueName('doctor_cirros')
    for (const region of ['RegionOne', 'RegionTwo']) {
      const img = ok(await run(['image', 'create', '--os-region-name', region, '--file', file, '--container-format', 'docker', '--disk-format', 'raw', name, '-f', 'json']))
      created.images.push({region, id: img.json.id})
    }
    const r = await run(['doctor', '--json'])
    expect(r.json.result.filter((c: {status: string}) => c.status !== 'pass').map((c: {check: string; region: string; status: string}) => [c.check, c.region, c.status])).toEqual([
      ['catalog', 'RegionTwo', 'warn'],
    ])
    expect(r.code).toBe(0)
    const one = ok(await run(['doctor', '--region', 'RegionOne', '-f', 'value', '-c', 'Check', '-c', 'Region', '-c', 'Result']))
    expect(one.stdout).not.toContain('RegionTwo')
    expect(one.stdout).toContain('docker image RegionOne pass\n')
  })
})

describe('devstack configure, verify, check-source and local-conf, as typed', () => {
  const work = join(dir, 'node1')

  function freshConfs(): {zun: string; kuryr: string} {
    mkdirSync(work, {recursive: true})
    for (const f of readdirSync(work)) if (f.includes('.conf')) execFileSync('rm', ['-f', join(work, f)])
    copyFileSync(join(FIXTURES, 'zun.conf'), join(work, 'zun.conf'))
    copyFileSync(join(FIXTURES, 'kuryr.conf'), join(work, 'kuryr.conf'))
    return {zun: join(work, 'zun.conf'), kuryr: join(work, 'kuryr.conf')}
  }

  it('configure --dry-run shows the diff with passwords masked and writes nothing; a real run writes what oslo.config reads; a second changes nothing', async () => {
    const {zun, kuryr} = freshConfs()
    const files = ['--zun-conf', zun, '--kuryr-conf', kuryr]
    const dry = ok(await run(['devstack', 'configure', '--region-name', 'RegionOne', ...files, '--dry-run']))
    expect(dry.stdout).toContain(`--- a${zun}\n+++ b${zun}\n@@ -77,6 +77,7 @@\n # Region in Identity service catalog`)
    expect(dry.stdout).toContain(' #region_name = <None>\n+region_name = RegionOne\n \n')
    expect(dry.stdout).toContain(`--- a${kuryr}\n+++ b${kuryr}\n`)
    expect(dry.stdout.endsWith('Dry run: nothing was written.\n')).toBe(true)
    for (const secret of ['kuryr-pass-41be', 'service-pass-9c2d', 'rabbit-pass-0f3e', 'db-pass-77a1']) expect(dry.stdout).not.toContain(secret)
    expect(readFileSync(zun)).toEqual(readFileSync(join(FIXTURES, 'zun.conf')))
    expect(readdirSync(work).sort()).toEqual(['kuryr.conf', 'zun.conf'])

    const real = ok(await run(['devstack', 'configure', '--region-name', 'RegionOne', ...files]))
    expect(real.stdout).toMatch(new RegExp(`^${zun}: \\[neutron_client\\] region_name = RegionOne \\(added\\); backup ${zun}\\.mrctl-backup-\\d{8}T\\d{6}Z\\n`))
    expect(real.stdout).toContain('Restart the services for the change to take effect (or run this again with --restart):\n  sudo systemctl restart devstack@zun*\n  sudo systemctl restart devstack@kur*\n')
    expect(readFileSync(zun)).toEqual(readFileSync(join(FIXTURES, 'zun.conf.expected')))
    expect(readFileSync(kuryr)).toEqual(readFileSync(join(FIXTURES, 'kuryr.conf.expected')))
    expect(osloRegion(zun, 'neutron_client')).toBe('RegionOne')
    expect(osloRegion(kuryr, 'neutron')).toBe('RegionOne')

    const again = ok(await run(['devstack', 'configure', '--region-name', 'RegionOne', ...files, '--json']))
    expect(again.json.result.files.map((f: {changed: boolean; backup: string | null}) => [f.changed, f.backup])).toEqual([
      [false, null],
      [false, null],
    ])
    expect(again.json.result.restart.commands).toEqual([])
    expect(readdirSync(work).filter((f) => f.includes('backup'))).toHaveLength(2)
  })

  it('configure stops on a read-only or a malformed file and leaves both files as they were', async () => {
    const {zun, kuryr} = freshConfs()
    chmodSync(kuryr, 0o444)
    const ro = await run(['devstack', 'configure', '--region-name', 'RegionTwo', '--zun-conf', zun, '--kuryr-conf', kuryr])
    expect(ro.code).toBe(1)
    expect(ro.stderr).toBe(`${kuryr} is read-only (mode 0444)\n  make it writable (chmod u+w) or run as its owner or with sudo; nothing was changed\n`)
    expect(readFileSync(zun)).toEqual(readFileSync(join(FIXTURES, 'zun.conf')))
    expect(readFileSync(kuryr)).toEqual(readFileSync(join(FIXTURES, 'kuryr.conf')))
    chmodSync(kuryr, 0o644)
    writeFileSync(zun, readFileSync(zun, 'utf8').replace('[api]', '[api'))
    const broken = readFileSync(zun)
    const bad = await run(['devstack', 'configure', '--region-name', 'RegionTwo', '--zun-conf', zun, '--kuryr-conf', kuryr, '--json'])
    expect(bad.code).toBe(1)
    expect(bad.json.message).toBe(`${zun} is not a valid oslo.config file: line 28, Invalid section (must end with ]): "[api"`)
    expect(readFileSync(zun)).toEqual(broken)
    expect(readFileSync(kuryr)).toEqual(readFileSync(join(FIXTURES, 'kuryr.conf')))
    expect(readdirSync(work).filter((f) => f.includes('backup'))).toEqual([])
  })

  it('configure --restart runs systemctl restart for the Zun and Kuryr units (a recording systemctl on PATH)', async () => {
    const {zun, kuryr} = freshConfs()
    const bin = join(dir, 'fakebin')
    mkdirSync(bin, {recursive: true})
    const log = join(dir, 'systemctl.log')
    writeFileSync(join(bin, 'systemctl'), `#!/bin/sh\nprintf '%s|' "$@" >> ${log}\necho >> ${log}\n`, {mode: 0o755})
    writeFileSync(join(bin, 'sudo'), `#!/bin/sh\nexec "$@"\n`, {mode: 0o755})
    const r = ok(await run(['devstack', 'configure', '--region-name', 'RegionTwo', '--zun-conf', zun, '--kuryr-conf', kuryr, '--restart'], {PATH: `${bin}:${process.env.PATH}`}))
    expect(r.stdout).toContain('Restarted devstack@zun*\nRestarted devstack@kur*\n')
    expect(readFileSync(log, 'utf8')).toBe('restart|devstack@zun*|\nrestart|devstack@kur*|\n')
    expect(osloRegion(zun, 'neutron_client')).toBe('RegionTwo')
  })

  it('devstack verify: doctor plus the pods with their AZs and the region names the files give (exit 0), failing a file that lacks it', async () => {
    const {zun, kuryr} = freshConfs()
    ok(await run(['devstack', 'configure', '--region-name', 'RegionOne', '--zun-conf', zun, '--kuryr-conf', kuryr]))
    const good = await run(['devstack', 'verify', '--pod', 'RegionOne=az1', '--pod', 'RegionTwo=az2', '--region-name', 'RegionOne', '--zun-conf', zun, '--kuryr-conf', kuryr, '--json'])
    const rows = good.json.result as Array<{check: string; region: string; status: string; detail: string}>
    expect(rows.filter((c) => c.status !== 'pass').map((c) => [c.check, c.region, c.status])).toEqual([['catalog', 'RegionTwo', 'warn']])
    expect(good.code).toBe(0)
    expect(rows.filter((c) => c.check === 'pod AZ').map((c) => [c.region, c.detail.replace(/ \(pod .*\)$/, '')])).toEqual([
      ['RegionOne', 'availability zone az1'],
      ['RegionTwo', 'availability zone az2'],
    ])
    expect(rows.find((c) => c.check === 'zun.conf region_name')).toMatchObject({region: 'RegionOne', detail: `${zun}: [neutron_client] region_name = RegionOne`})

    copyFileSync(join(FIXTURES, 'kuryr.conf'), kuryr)
    const missing = join(work, 'absent', 'zun.conf')
    const bad = await run(['devstack', 'verify', '--pod', 'RegionOne=az1', '--pod', 'RegionTwo=az7', '--zun-conf', missing, '--kuryr-conf', kuryr, '--json'])
    expect(bad.code).toBe(1)
    const by = (check: string) => bad.json.result.filter((c: {check: string}) => c.check === check)
    expect(by('pod AZ')[1]).toMatchObject({region: 'RegionTwo', status: 'fail', detail: 'availability zone az2, not az7'})
    expect(by('zun.conf region_name')[0]).toMatchObject({status: 'skip', detail: `${missing}: not found`})
    expect(by('kuryr.conf region_name')[0]).toMatchObject({status: 'fail', detail: `${kuryr} sets no [neutron] region_name`, hint: 'mrctl devstack configure --region-name REGION'})
  })

  it('check-source: an unpatched checkout exits 1 and the diff it writes applies with patch -p1; then both pass', async () => {
    const stack = join(dir, 'opt-stack')
    cpSync(join(FIXTURES, 'source/unpatched'), stack, {recursive: true})
    const patchFile = join(dir, 'region-name.patch')
    const r = await run(['devstack', 'check-source', '--zun-dir', join(stack, 'zun'), '--kuryr-dir', join(stack, 'kuryr'), '--patch-file', patchFile])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/\| zun +\| neutron\(\) +\| .*zun\/common\/clients\.py +\| does not pass region_name \|/)
    expect(r.stdout).toMatch(/\| kuryr +\| get_neutron_client\(\) \| .*kuryr\/lib\/utils\.py +\| does not pass region_name \|/)
    expect(r.stderr).toBe(`Wrote ${patchFile}: review it, then apply it with: cd ${stack} && patch -p1 < ${patchFile}\n`)
    expect(readFileSync(join(stack, 'zun/zun/common/clients.py'))).toEqual(readFileSync(join(FIXTURES, 'source/unpatched/zun/zun/common/clients.py')))
    const again = await run(['devstack', 'check-source', '--zun-dir', join(stack, 'zun'), '--kuryr-dir', join(stack, 'kuryr'), '--patch-file', patchFile])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain(`${patchFile} exists: it was left as it is\n  give another --patch-file, or --force to overwrite it\n`)

    expect(execFileSync('sh', ['-c', `cd ${stack} && patch -p1 < ${patchFile}`], {encoding: 'utf8'})).toBe('patching file zun/zun/common/clients.py\npatching file kuryr/kuryr/lib/utils.py\n')
    const after = ok(await run(['devstack', 'check-source', '--zun-dir', join(stack, 'zun'), '--kuryr-dir', join(stack, 'kuryr'), '--json']))
    expect(after.json.result.functions.map((f: {status: string}) => f.status)).toEqual(['passes region_name', 'passes region_name'])
    const gone = await run(['devstack', 'check-source', '--zun-dir', join(dir, 'nowhere')])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toContain(`zun source ${join(dir, 'nowhere', 'zun/common/clients.py')}: not found\n  point at the zun checkout with --zun-dir DIR`)
  })

  it('local-conf prints the node files, writes --output (0600 with a password) and never overwrites it without --force', async () => {
    const central = ok(await run(['devstack', 'local-conf', '--node', 'central', '--region-name', 'RegionOne', '--host-ip', '10.250.201.24', '--with-zun']))
    expect(central.stdout).toContain('\nREGION_NAME=RegionOne\nKEYSTONE_REGION_NAME=RegionOne\n')
    expect(central.stdout).toContain('\nTRICIRCLE_START_SERVICES=True\n')
    expect(central.stdout).toContain('\nKURYR_CAPABILITY_SCOPE=local\nKURYR_PROCESS_EXTERNAL_CONNECTIVITY=False\n')
    const out = join(dir, 'local.conf')
    const args = ['devstack', 'local-conf', '--node', 'region', '--region-name', 'RegionTwo', '--host-ip', '10.250.201.25', '--central-host-ip', '10.250.201.24', '--with-zun', '--password', 'devstack-pw', '--output', out]
    const written = await run(args)
    expect(written.code).toBe(0)
    expect(written.stdout).toBe('')
    expect(written.stderr).toBe(`Wrote ${out}\n`)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const text = readFileSync(out, 'utf8')
    expect(text).toContain('\nREGION_NAME=RegionTwo\nKEYSTONE_REGION_NAME=RegionOne\nSERVICE_HOST=$HOST_IP\nKEYSTONE_SERVICE_HOST=10.250.201.24\nKEYSTONE_AUTH_HOST=10.250.201.24\n')
    expect(text).toContain('\nADMIN_PASSWORD=devstack-pw\n')
    writeFileSync(out, 'mine\n')
    const refused = await run(args)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(`${out} exists: it was left as it is\n  give another --output, or --force to overwrite it\n`)
    expect(readFileSync(out, 'utf8')).toBe('mine\n')
    expect((await run([...args, '--force'])).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(text)
    const usage = await run(['devstack', 'local-conf', '--node', 'region', '--region-name', 'RegionTwo'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('--node region needs --central-host-ip')
    expect(existsSync(join(dir, 'nothing'))).toBe(false)
  })
})
