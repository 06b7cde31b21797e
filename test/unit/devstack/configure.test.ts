import {chmodSync, copyFileSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {applyConfigure, type ConfTarget, KURYR_CONF, planConfigure, ZUN_CONF} from '../../../src/devstack/configure.js'
import {maskConfigText, unifiedDiff} from '../../../src/devstack/diff.js'
import {mrctlRejection} from '../../fakes/rejection.js'
import {useTempDir} from '../../fakes/tmp.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/devstack')
const tmp = useTempDir('mrctl-devstack-')

function setup(zunFixture = 'zun.conf', kuryrFixture = 'kuryr.conf'): {zun: ConfTarget; kuryr: ConfTarget} {
  const zunPath = join(tmp.path, 'zun.conf')
  const kuryrPath = join(tmp.path, 'kuryr.conf')
  copyFileSync(join(FIXTURES, zunFixture), zunPath)
  copyFileSync(join(FIXTURES, kuryrFixture), kuryrPath)
  chmodSync(zunPath, 0o640)
  chmodSync(kuryrPath, 0o644)
  return {zun: {...ZUN_CONF, path: zunPath}, kuryr: {...KURYR_CONF, path: kuryrPath}}
}

const bytes = (p: string) => readFileSync(p)
const fixture = (name: string) => readFileSync(join(FIXTURES, name))
const backups = () => readdirSync(tmp.path).filter((f) => f.includes('.mrctl-backup-')).sort()

async function configure(targets: ConfTarget[], value = 'RegionOne', now = new Date('2026-11-23T10:15:00Z')) {
  const plans = await planConfigure(targets, value)
  return {plans, applied: await applyConfigure(plans, now)}
}

const failure = mrctlRejection

describe('devstack configure on fixture files', () => {
  it('sets both region names, byte for byte as expected, keeping each mode and writing 0600 backups of the originals', async () => {
    const {zun, kuryr} = setup()
    const {plans, applied} = await configure([zun, kuryr])
    expect(plans.map((p) => [p.action, p.previous])).toEqual([
      ['inserted', undefined],
      ['inserted', undefined],
    ])
    expect(bytes(zun.path)).toEqual(fixture('zun.conf.expected'))
    expect(bytes(kuryr.path)).toEqual(fixture('kuryr.conf.expected'))
    expect(statSync(zun.path).mode & 0o777).toBe(0o640)
    expect(statSync(kuryr.path).mode & 0o777).toBe(0o644)
    expect(backups()).toEqual(['kuryr.conf.mrctl-backup-20261123T101500Z', 'zun.conf.mrctl-backup-20261123T101500Z'])
    expect(applied.map((a) => a.backup)).toEqual([`${zun.path}.mrctl-backup-20261123T101500Z`, `${kuryr.path}.mrctl-backup-20261123T101500Z`])
    expect(bytes(applied[0].backup!)).toEqual(fixture('zun.conf'))
    expect(bytes(applied[1].backup!)).toEqual(fixture('kuryr.conf'))
    for (const a of applied) expect(statSync(a.backup!).mode & 0o777).toBe(0o600)
    // No temporary file left behind.
    expect(readdirSync(tmp.path).sort()).toEqual(['kuryr.conf', 'kuryr.conf.mrctl-backup-20261123T101500Z', 'zun.conf', 'zun.conf.mrctl-backup-20261123T101500Z'])
  })

  it('changes a value set to another region in place (repeated [neutron] sections)', async () => {
    const {kuryr} = setup('zun.conf', 'kuryr-repeated-section.conf')
    const {plans} = await configure([kuryr])
    expect(plans[0]).toMatchObject({action: 'replaced', previous: 'CentralRegion'})
    expect(bytes(kuryr.path)).toEqual(fixture('kuryr-repeated-section.conf.expected'))
  })

  it('changes nothing on a second run: same bytes, same inode, no new backup', async () => {
    const {zun, kuryr} = setup()
    await configure([zun, kuryr])
    const inodes = [statSync(zun.path).ino, statSync(kuryr.path).ino]
    const mtimes = [statSync(zun.path).mtimeMs, statSync(kuryr.path).mtimeMs]
    const {plans, applied} = await configure([zun, kuryr], 'RegionOne', new Date('2026-11-23T11:00:00Z'))
    expect(plans.map((p) => [p.changed, p.action, p.previous])).toEqual([
      [false, 'unchanged', 'RegionOne'],
      [false, 'unchanged', 'RegionOne'],
    ])
    expect(applied.every((a) => a.backup === undefined)).toBe(true)
    expect(bytes(zun.path)).toEqual(fixture('zun.conf.expected'))
    expect([statSync(zun.path).ino, statSync(kuryr.path).ino]).toEqual(inodes)
    expect([statSync(zun.path).mtimeMs, statSync(kuryr.path).mtimeMs]).toEqual(mtimes)
    expect(backups()).toHaveLength(2)
  })

  it('refuses a read-only file and leaves both files as they were (nothing half-made)', async () => {
    const {zun, kuryr} = setup()
    chmodSync(kuryr.path, 0o444)
    const err = await failure(configure([zun, kuryr]))
    expect(err.message).toBe(`${kuryr.path} is read-only (mode 0444)`)
    expect(err.actions?.join(' ')).toContain('nothing was changed')
    expect(bytes(zun.path)).toEqual(fixture('zun.conf'))
    expect(bytes(kuryr.path)).toEqual(fixture('kuryr.conf'))
    expect(statSync(kuryr.path).mode & 0o777).toBe(0o444)
    expect(backups()).toEqual([])
  })

  it('lets a read-only file be when it already holds the value', async () => {
    const {kuryr} = setup('zun.conf', 'kuryr.conf.expected')
    chmodSync(kuryr.path, 0o444)
    const {plans} = await configure([kuryr])
    expect(plans[0].changed).toBe(false)
  })

  it('refuses a malformed file, naming the file and the line, and changes neither file', async () => {
    const {zun, kuryr} = setup()
    const broken = readFileSync(kuryr.path, 'utf8').replace('[binding]', '[binding')
    writeFileSync(kuryr.path, broken)
    const err = await failure(configure([zun, kuryr]))
    expect(err.message).toBe(`${kuryr.path} is not a valid oslo.config file: line 16, Invalid section (must end with ]): "[binding"`)
    expect(bytes(zun.path)).toEqual(fixture('zun.conf'))
    expect(readFileSync(kuryr.path, 'utf8')).toBe(broken)
    expect(backups()).toEqual([])
  })

  it('says which file is missing and which flag points at it', async () => {
    const {zun} = setup()
    const err = await failure(configure([zun, {...KURYR_CONF, path: join(tmp.path, 'nope', 'kuryr.conf')}]))
    expect(err.message).toBe(`kuryr.conf not found: ${join(tmp.path, 'nope', 'kuryr.conf')}`)
    expect(err.actions?.[0]).toContain('--kuryr-conf PATH')
    expect(bytes(zun.path)).toEqual(fixture('zun.conf'))
  })

  it('refuses a file that is not UTF-8 without touching it', async () => {
    const {zun} = setup()
    const latin1 = Buffer.concat([fixture('zun.conf'), Buffer.from([0x23, 0x20, 0xe9, 0x0a])])
    writeFileSync(zun.path, latin1)
    const err = await failure(configure([zun]))
    expect(err.message).toContain('is not UTF-8 text')
    expect(bytes(zun.path)).toEqual(latin1)
  })

  it('refuses a directory given as the file', async () => {
    const err = await failure(configure([{...ZUN_CONF, path: tmp.path}]))
    expect(err.message).toBe(`${tmp.path} is a directory, not zun.conf`)
  })

  it('edits the file a symbolic link points at, and the link stays a link', async () => {
    const {zun} = setup()
    const link = join(tmp.path, 'zun-link.conf')
    symlinkSync(zun.path, link)
    const {applied} = await configure([{...zun, path: link}])
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(bytes(zun.path)).toEqual(fixture('zun.conf.expected'))
    expect(applied[0].backup).toBe(`${zun.path}.mrctl-backup-20261123T101500Z`)
  })

  it('refuses the same file given for both, before anything is written', async () => {
    const {zun} = setup()
    const err = await failure(configure([zun, {...KURYR_CONF, path: zun.path}]))
    expect(err.message).toBe(`--zun-conf and --kuryr-conf name the same file (${zun.path})`)
    expect(err.exitCode).toBe(2)
    expect(bytes(zun.path)).toEqual(fixture('zun.conf'))
  })

  it('keeps earlier backups: a later change gets its own', async () => {
    const {zun} = setup()
    await configure([zun], 'RegionOne')
    await configure([zun], 'RegionTwo', new Date('2026-11-23T10:15:00Z'))
    expect(backups()).toEqual(['zun.conf.mrctl-backup-20261123T101500Z', 'zun.conf.mrctl-backup-20261123T101500Z-1'])
    expect(bytes(join(tmp.path, 'zun.conf.mrctl-backup-20261123T101500Z-1'))).toEqual(fixture('zun.conf.expected'))
  })
})

describe('the diff a dry run shows', () => {
  it('is a unified diff that never shows a password, even in its context lines', async () => {
    const before = readFileSync(join(FIXTURES, 'kuryr.conf'), 'utf8')
    const after = readFileSync(join(FIXTURES, 'kuryr.conf.expected'), 'utf8')
    const diff = await unifiedDiff('a/kuryr.conf', 'b/kuryr.conf', maskConfigText(before), maskConfigText(after))
    expect(diff).toBe(
      [
        '--- a/kuryr.conf',
        '+++ b/kuryr.conf',
        '@@ -30,6 +30,7 @@',
        ' vif_plugging_timeout = 0',
        ' # Set by hand after the first stack.sh:',
        ' endpoint_type = public',
        '+region_name = RegionOne',
        ' ',
        ' [keystone_authtoken]',
        ' auth_url = http://10.250.201.24/identity',
        '',
      ].join('\n'),
    )
    const zunBefore = readFileSync(join(FIXTURES, 'zun.conf'), 'utf8')
    const masked = maskConfigText(zunBefore)
    for (const secret of ['rabbit-pass-0f3e', 'db-pass-77a1', 'service-pass-9c2d']) {
      expect(zunBefore).toContain(secret)
      expect(masked).not.toContain(secret)
    }
    expect(masked).toContain('transport_url = rabbit://stackrabbit:***@10.250.201.24:5672/')
    expect(masked).toContain('connection = mysql+pymysql://root:***@127.0.0.1/zun?charset=utf8')
    expect(masked).toContain('\npassword = ***\n')
    // Everything that is not a secret is shown as it is.
    expect(masked.split('\n').length).toBe(zunBefore.split('\n').length)
    expect(masked).toContain('#region_name = <None>')
  })
})
