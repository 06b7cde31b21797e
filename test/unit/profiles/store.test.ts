import {readdir, readFile, stat, writeFile, chmod} from 'node:fs/promises'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {ConfigError} from '../../../src/core/errors.js'
import {ProfileStore} from '../../../src/profiles/store.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()
const mode = async (p: string) => (await stat(p)).mode & 0o777

describe('ProfileStore', () => {
  it('a profiles file that is not valid YAML, or whose clouds: is a list, is an error naming file, line and column', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    await writeFile(store.path, 'default: lab\nclouds:\n  lab:\n  regions: [a\n')
    await expect(store.load()).rejects.toThrow(`${store.path}, line 5, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]`)
    await expect(store.load()).rejects.toBeInstanceOf(ConfigError)
    await writeFile(store.path, 'clouds:\n  - lab\n')
    await expect(store.load()).rejects.toThrow(`${store.path}, line 2, column 3: clouds: must be a mapping of cloud names to their settings, not a list`)
  })

  it('a missing or empty file is an empty document', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    expect(await store.load()).toEqual({clouds: {}})
    await writeFile(store.path, '  \n')
    expect(await store.load()).toEqual({clouds: {}})
  })

  it('saves with mode 0600 in a 0700 folder it creates, and loads back what it saved', async () => {
    const store = new ProfileStore(join(tmp.path, 'conf', 'mrctl', 'profiles.yaml'))
    const doc = {default: 'lab', clouds: {lab: {auth: {auth_url: 'http://k:5000/v3', username: 'u'}, regions: ['RegionOne']}}}
    await store.save(doc)
    expect(await mode(store.path)).toBe(0o600)
    expect(await mode(join(tmp.path, 'conf', 'mrctl'))).toBe(0o700)
    expect(await store.load()).toEqual(doc)
    expect(await store.names()).toEqual(['lab'])
    expect(await store.get('lab')).toEqual(doc.clouds.lab)
  })

  it('replaces the file atomically: a readable old file becomes 0600 and no temp file is left', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    await writeFile(store.path, 'clouds: {}\n')
    await chmod(store.path, 0o644)
    const before = (await stat(store.path)).ino
    await store.save({clouds: {a: {auth: {auth_url: 'http://k'}}}})
    const after = await stat(store.path)
    expect(after.mode & 0o777).toBe(0o600)
    // rename() of a new file, not a rewrite in place
    expect(after.ino).not.toBe(before)
    expect(await readdir(tmp.path)).toEqual(['profiles.yaml'])
  })

  it.each(['password', 'application_credential_secret', 'token'])('refuses to write a %s, and leaves the file untouched', async (key) => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    await store.save({clouds: {old: {auth: {auth_url: 'http://k'}}}})
    const original = await readFile(store.path, 'utf8')
    await expect(store.save({clouds: {lab: {auth: {auth_url: 'http://k', [key]: 'do-not-write-me'}}}})).rejects.toThrow(
      `refusing to write the ${key} of profile lab`,
    )
    expect(await readFile(store.path, 'utf8')).toBe(original)
    expect(await readdir(tmp.path)).toEqual(['profiles.yaml'])
  })

  it('a file that does not parse is a ConfigError telling to fix or remove it', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    await writeFile(store.path, 'clouds: [\n')
    const err = await store.load().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as ConfigError).actions).toEqual([`fix or remove ${store.path}`])
  })
})
