// Issue 8: ten `profile add` at once all said "saved" but only 7-8 remained, and secure.yaml
// drifted from profiles.yaml. Read-modify-write of both files now happens under one lock.
import {spawn} from 'node:child_process'
import {readFile, stat, writeFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'

import {describe, expect, it} from 'vitest'
import YAML from 'yaml'

import {removeProfile, saveProfile, useProfile} from '../../../src/profiles/manage.js'
import {FileSecretStore} from '../../../src/profiles/secrets.js'
import {ProfileStore} from '../../../src/profiles/store.js'
import {withFileLock} from '../../../src/profiles/lock.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()
const N = 10

function entry(i: number) {
  return {auth: {auth_url: 'http://127.0.0.1:5000/v3', username: `user${i}`, project_name: 'demo'}, regions: ['RegionOne']}
}

async function files(dir: string): Promise<{profiles: Record<string, unknown>; secrets: Record<string, {auth: Record<string, string>}>}> {
  const profiles = YAML.parse(await readFile(join(dir, 'profiles.yaml'), 'utf8')).clouds
  const secrets = YAML.parse(await readFile(join(dir, 'secure.yaml'), 'utf8'))?.clouds ?? {}
  return {profiles, secrets}
}

describe('parallel profile changes', () => {
  it(`${N} parallel adds leave ${N} profiles, each with its secret and no other`, async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    const secrets = new FileSecretStore(join(tmp.path, 'secure.yaml'))
    await Promise.all(
      Array.from({length: N}, (_, i) =>
        saveProfile(store, secrets, `p${i}`, entry(i), {field: 'password', value: `pw-${i}`}, {secretStore: 'file'}),
      ),
    )
    const {profiles, secrets: stored} = await files(tmp.path)
    expect(Object.keys(profiles).sort()).toEqual(Array.from({length: N}, (_, i) => `p${i}`).sort())
    expect(Object.keys(stored).sort()).toEqual(Object.keys(profiles).sort())
    for (let i = 0; i < N; i++) expect(stored[`p${i}`].auth.password).toBe(`pw-${i}`)
    expect((await stat(join(tmp.path, 'profiles.yaml'))).mode & 0o777).toBe(0o600)
  })

  it('parallel removes, uses and adds keep both files consistent', async () => {
    const store = new ProfileStore(join(tmp.path, 'profiles.yaml'))
    const secrets = new FileSecretStore(join(tmp.path, 'secure.yaml'))
    for (let i = 0; i < N; i++) await saveProfile(store, secrets, `p${i}`, entry(i), {field: 'password', value: `pw-${i}`}, {secretStore: 'file'})
    const kinds = () => secrets
    await Promise.all([
      ...Array.from({length: 5}, (_, i) => removeProfile(store, kinds, `p${i}`)),
      ...Array.from({length: 5}, (_, i) => saveProfile(store, secrets, `q${i}`, entry(i), {field: 'password', value: `qw-${i}`}, {secretStore: 'file'})),
      useProfile(store, 'p7'),
    ])
    const {profiles, secrets: stored} = await files(tmp.path)
    const expected = ['p5', 'p6', 'p7', 'p8', 'p9', 'q0', 'q1', 'q2', 'q3', 'q4']
    expect(Object.keys(profiles).sort()).toEqual(expected)
    expect(Object.keys(stored).sort()).toEqual(expected)
    expect((await store.load()).default).toBe('p7')
  })

  it(`${N} processes adding at once (as ${N} shells would) leave ${N} profiles`, async () => {
    const tsx = resolve(import.meta.dirname, '../../../node_modules/.bin/tsx')
    const script = join(tmp.path, 'add.mts')
    const manage = resolve(import.meta.dirname, '../../../src/profiles/manage.ts')
    const secretsMod = resolve(import.meta.dirname, '../../../src/profiles/secrets.ts')
    const storeMod = resolve(import.meta.dirname, '../../../src/profiles/store.ts')
    await writeFile(
      script,
      `import {saveProfile} from ${JSON.stringify(manage)}
import {FileSecretStore} from ${JSON.stringify(secretsMod)}
import {ProfileStore} from ${JSON.stringify(storeMod)}
const [dir, name] = process.argv.slice(2)
await saveProfile(new ProfileStore(dir + '/profiles.yaml'), new FileSecretStore(dir + '/secure.yaml'), name,
  {auth: {auth_url: 'http://127.0.0.1:5000/v3', username: name, project_name: 'demo'}}, {field: 'password', value: 'pw-' + name}, {secretStore: 'file'})
`,
    )
    const codes = await Promise.all(
      Array.from(
        {length: N},
        (_, i) =>
          new Promise<number>((done) => {
            const child = spawn(tsx, [script, tmp.path, `proc${i}`], {stdio: ['ignore', 'ignore', 'inherit']})
            child.on('close', (code) => done(code ?? -1))
          }),
      ),
    )
    expect(codes).toEqual(Array.from({length: N}, () => 0))
    const {profiles, secrets: stored} = await files(tmp.path)
    expect(Object.keys(profiles)).toHaveLength(N)
    expect(Object.keys(stored).sort()).toEqual(Object.keys(profiles).sort())
  }, 60_000)

  it('a lock left by a process that no longer exists is taken over', async () => {
    const lock = join(tmp.path, 'profiles.yaml.lock')
    await writeFile(lock, JSON.stringify({pid: 2 ** 22 + 12345, nonce: 'dead', at: Date.now()}))
    expect(await withFileLock(lock, async () => 'ran')).toBe('ran')
    await expect(stat(lock)).rejects.toMatchObject({code: 'ENOENT'})
  })
})

