import {readFile, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {firstTimeToday, NOTICES_FILE} from '../../../src/cli/daily-notice.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()

describe('once-a-day notices', () => {
  it('true the first time a key is asked in a day, false after, true again the next day', async () => {
    const dir = join(tmp.path, 'cache')
    const monday = new Date(2026, 11, 7, 9, 0)
    expect(await firstTimeToday('/etc/openstack/clouds.yaml is readable', dir, monday)).toBe(true)
    expect(await firstTimeToday('/etc/openstack/clouds.yaml is readable', dir, new Date(2026, 11, 7, 23, 59))).toBe(false)
    expect(await firstTimeToday('another file', dir, monday)).toBe(true)
    expect(await firstTimeToday('/etc/openstack/clouds.yaml is readable', dir, new Date(2026, 11, 8, 0, 1))).toBe(true)
    expect((await stat(join(dir, NOTICES_FILE))).mode & 0o777).toBe(0o600)
  })

  it('a cache file that is not what we wrote is a miss, and is replaced', async () => {
    await writeFile(join(tmp.path, NOTICES_FILE), 'null')
    expect(await firstTimeToday('k', tmp.path)).toBe(true)
    expect(await firstTimeToday('k', tmp.path)).toBe(false)
    expect(Object.keys(JSON.parse(await readFile(join(tmp.path, NOTICES_FILE), 'utf8')))).toEqual(['k'])
  })

  it('a cache that cannot be written: the notice is given every time', async () => {
    const file = join(tmp.path, 'not-a-dir')
    await writeFile(file, '')
    expect(await firstTimeToday('k', file)).toBe(true)
    expect(await firstTimeToday('k', file)).toBe(true)
  })
})
