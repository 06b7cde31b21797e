import {chmod, mkdir, writeFile} from 'node:fs/promises'
import {join} from 'node:path'

import {beforeEach, describe, expect, it, vi} from 'vitest'

import {ConfigError} from '../../../src/core/errors.js'
import {loadCloudsYaml} from '../../../src/profiles/clouds-yaml.js'
import {candidateFiles} from '../../../src/profiles/paths.js'
import {useTempDir} from '../../fakes/tmp.js'

const tmp = useTempDir()

/** Folders of one fake machine: cwd, $XDG_CONFIG_HOME/openstack, ~/.config/openstack, the XDG site folder. */
function dirs() {
  return {
    cwd: join(tmp.path, 'cwd'),
    xdg: join(tmp.path, 'xdg', 'openstack'),
    home: join(tmp.path, 'home', '.config', 'openstack'),
    site: join(tmp.path, 'site', 'openstack'),
  }
}

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {XDG_CONFIG_HOME: join(tmp.path, 'xdg'), XDG_CONFIG_DIRS: join(tmp.path, 'site'), ...extra}
}

async function put(path: string, text: string, mode = 0o600): Promise<string> {
  await mkdir(join(path, '..'), {recursive: true})
  await writeFile(path, text)
  await chmod(path, mode)
  return path
}

const cloud = (name: string, extra = '') => `clouds:\n  ${name}:\n    auth:\n      auth_url: http://${name}.example:5000/v3\n      username: u-${name}\n${extra}`

beforeEach(() => {
  // ~/.config/openstack must be the fake home's, never the real one.
  vi.stubEnv('HOME', join(tmp.path, 'home'))
  return () => vi.unstubAllEnvs()
})

describe('candidateFiles', () => {
  it('puts OS_CLIENT_CONFIG_FILE first, then cwd, XDG config, ~/.config, XDG site and /etc, each as yaml, yml, json', () => {
    const d = dirs()
    const files = candidateFiles('clouds', env({OS_CLIENT_CONFIG_FILE: '/explicit/c.yaml'}), d.cwd)
    expect(files.slice(0, 4)).toEqual(['/explicit/c.yaml', join(d.cwd, 'clouds.yaml'), join(d.cwd, 'clouds.yml'), join(d.cwd, 'clouds.json')])
    const folders = [...new Set(files.slice(1).map((f) => f.replace(/\/clouds\.(yaml|yml|json)$/, '')))]
    expect(folders).toEqual([d.cwd, d.xdg, d.home, d.site, '/etc/openstack'])
  })

  it('uses OS_CLIENT_SECURE_FILE (not OS_CLIENT_CONFIG_FILE) for secure.yaml', () => {
    const files = candidateFiles('secure', env({OS_CLIENT_CONFIG_FILE: '/c.yaml', OS_CLIENT_SECURE_FILE: '/s.yaml'}), dirs().cwd)
    expect(files[0]).toBe('/s.yaml')
    expect(files).not.toContain('/c.yaml')
    expect(files[1]).toBe(join(dirs().cwd, 'secure.yaml'))
  })
})

describe('loadCloudsYaml', () => {
  it('returns undefined when no file exists anywhere', async () => {
    expect(await loadCloudsYaml({env: env(), cwd: dirs().cwd})).toBeUndefined()
  })

  it('OS_CLIENT_CONFIG_FILE wins over the current folder', async () => {
    const d = dirs()
    const explicit = await put(join(tmp.path, 'elsewhere', 'mine.yaml'), cloud('explicit'))
    await put(join(d.cwd, 'clouds.yaml'), cloud('cwd'))
    const res = await loadCloudsYaml({env: env({OS_CLIENT_CONFIG_FILE: explicit}), cwd: d.cwd})
    expect(res?.path).toBe(explicit)
    expect(Object.keys(res?.clouds ?? {})).toEqual(['explicit'])
  })

  it('the current folder wins over the XDG folder, and files are not merged', async () => {
    const d = dirs()
    await put(join(d.cwd, 'clouds.yaml'), cloud('cwd'))
    await put(join(d.xdg, 'clouds.yaml'), cloud('xdg'))
    const res = await loadCloudsYaml({env: env(), cwd: d.cwd})
    expect(res?.path).toBe(join(d.cwd, 'clouds.yaml'))
    expect(Object.keys(res?.clouds ?? {})).toEqual(['cwd'])
  })

  it('finds ~/.config/openstack when nothing comes before it', async () => {
    const d = dirs()
    await put(join(d.home, 'clouds.yaml'), cloud('home'))
    await put(join(d.site, 'clouds.yaml'), cloud('site'))
    const res = await loadCloudsYaml({env: env(), cwd: d.cwd})
    expect(res?.path).toBe(join(d.home, 'clouds.yaml'))
  })

  it('accepts clouds.yml and clouds.json, preferring .yaml in the same folder', async () => {
    const d = dirs()
    await put(join(d.xdg, 'clouds.json'), JSON.stringify({clouds: {json: {auth: {auth_url: 'http://j:5000'}}}}))
    let res = await loadCloudsYaml({env: env(), cwd: d.cwd})
    expect(res?.path).toBe(join(d.xdg, 'clouds.json'))
    expect(res?.clouds.json.auth?.auth_url).toBe('http://j:5000')

    await put(join(d.xdg, 'clouds.yml'), cloud('yml'))
    res = await loadCloudsYaml({env: env(), cwd: d.cwd})
    expect(Object.keys(res?.clouds ?? {})).toEqual(['yml'])

    await put(join(d.xdg, 'clouds.yaml'), cloud('yaml'))
    res = await loadCloudsYaml({env: env(), cwd: d.cwd})
    expect(Object.keys(res?.clouds ?? {})).toEqual(['yaml'])
  })

  it('a file that does not parse is an error naming the file, line and column (never skipped: the cloud would "not exist")', async () => {
    const d = dirs()
    const bad = await put(join(d.cwd, 'clouds.yaml'), 'clouds:\n  broken:\n    auth: {auth_url: x\n')
    await put(join(d.xdg, 'clouds.yaml'), cloud('good'))
    const err = await loadCloudsYaml({env: env(), cwd: d.cwd}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as Error).message).toBe(`${bad}, line 4, column 1: Flow map in block collection must be sufficiently indented and end with a }`)
  })

  it('`clouds:` that is not a mapping is an error at its line and column (not clouds named 0, 1)', async () => {
    const d = dirs()
    const bad = await put(join(d.cwd, 'clouds.yaml'), '# mine\nclouds: [1, 2]\n')
    const err = await loadCloudsYaml({env: env(), cwd: d.cwd}).catch((e: unknown) => e)
    expect((err as Error).message).toBe(`${bad}, line 2, column 9: clouds: must be a mapping of cloud names to their settings, not a list`)
  })

  it('a secure.yaml that does not parse, or a JSON clouds file, is reported the same way', async () => {
    const d = dirs()
    await put(join(d.cwd, 'clouds.yaml'), cloud('lab'))
    const secure = await put(join(d.xdg, 'secure.yaml'), 'clouds:\n\tlab: {}\n')
    await expect(loadCloudsYaml({env: env(), cwd: d.cwd})).rejects.toThrow(`${secure}, line 2, column 1: Tabs are not allowed as indentation`)
    const json = await put(join(tmp.path, 'clouds.json'), '{"clouds": {\n  "a": 1,\n}}')
    await expect(loadCloudsYaml({file: json, env: env(), cwd: dirs().cwd})).rejects.toThrow(new RegExp(`^${json.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line 3, column 1: `))
  })

  it('merges secure.yaml over clouds.yaml, only for clouds that exist there', async () => {
    const d = dirs()
    await put(join(d.cwd, 'clouds.yaml'), cloud('lab', '      project_name: demo\n'), 0o644)
    const securePath = await put(
      join(d.xdg, 'secure.yaml'),
      'clouds:\n  lab:\n    auth:\n      password: from-secure\n  ghost:\n    auth:\n      password: x\n',
    )
    const res = await loadCloudsYaml({env: env(), cwd: d.cwd})
    expect(res?.securePath).toBe(securePath)
    expect(res?.clouds.lab.auth).toEqual({
      auth_url: 'http://lab.example:5000/v3',
      username: 'u-lab',
      project_name: 'demo',
      password: 'from-secure',
    })
    expect(res?.clouds.ghost).toBeUndefined()
  })

  it('takes secure.yaml from OS_CLIENT_SECURE_FILE first', async () => {
    const d = dirs()
    await put(join(d.cwd, 'clouds.yaml'), cloud('lab'))
    await put(join(d.cwd, 'secure.yaml'), 'clouds:\n  lab:\n    auth:\n      password: cwd\n')
    const explicit = await put(join(tmp.path, 's.yaml'), 'clouds:\n  lab:\n    auth:\n      password: explicit\n')
    const res = await loadCloudsYaml({env: env({OS_CLIENT_SECURE_FILE: explicit}), cwd: d.cwd})
    expect(res?.clouds.lab.auth?.password).toBe('explicit')
  })

  it('warns when a file holding a secret can be read by group or others', async () => {
    const d = dirs()
    const path = await put(join(d.cwd, 'clouds.yaml'), cloud('lab', '      password: hunter2-secret\n'), 0o640)
    const res = await loadCloudsYaml({env: env(), cwd: d.cwd})
    expect(res?.warnings).toEqual([`${path} holds a secret and can be read by other users: chmod 600 ${path}`])
  })

  it('counts a token as a secret too', async () => {
    const d = dirs()
    const path = await put(join(d.cwd, 'clouds.yaml'), cloud('lab', '      token: gAAAA-token\n'), 0o604)
    expect((await loadCloudsYaml({env: env(), cwd: d.cwd}))?.warnings).toEqual([
      `${path} holds a secret and can be read by other users: chmod 600 ${path}`,
    ])
  })

  it('does not warn about a 0600 file holding a secret, nor about a readable file without one', async () => {
    const d = dirs()
    await put(join(d.cwd, 'clouds.yaml'), cloud('lab', '      password: hunter2-secret\n'), 0o600)
    expect((await loadCloudsYaml({env: env(), cwd: d.cwd}))?.warnings).toEqual([])
    await put(join(d.cwd, 'clouds.yaml'), cloud('lab'), 0o644)
    expect((await loadCloudsYaml({env: env(), cwd: d.cwd}))?.warnings).toEqual([])
  })

  it('warns about a readable secure.yaml', async () => {
    const d = dirs()
    await put(join(d.cwd, 'clouds.yaml'), cloud('lab'), 0o600)
    const secure = await put(join(d.cwd, 'secure.yaml'), 'clouds:\n  lab:\n    auth:\n      password: p\n', 0o644)
    const res = await loadCloudsYaml({env: env(), cwd: d.cwd})
    expect(res?.warnings).toEqual([`${secure} holds a secret and can be read by other users: chmod 600 ${secure}`])
  })

  // The setup the docs recommend: a shareable 0644 clouds.yaml, the password in a 0600 secure.yaml.
  it('does not warn about a readable clouds.yaml whose secret lives only in a 0600 secure.yaml', async () => {
    const d = dirs()
    await put(join(d.cwd, 'clouds.yaml'), cloud('lab'), 0o644)
    await put(join(d.cwd, 'secure.yaml'), 'clouds:\n  lab:\n    auth:\n      password: p\n', 0o600)
    const res = await loadCloudsYaml({env: env(), cwd: d.cwd})
    expect(res?.clouds.lab.auth?.password).toBe('p')
    expect(res?.warnings).toEqual([])
  })

  it('with an explicit file, a missing or broken file is an error rather than a skip', async () => {
    await expect(loadCloudsYaml({file: join(tmp.path, 'missing.yaml'), env: env(), cwd: dirs().cwd})).rejects.toThrow(ConfigError)
    const bad = await put(join(tmp.path, 'bad.yaml'), 'clouds: [\n')
    await expect(loadCloudsYaml({file: bad, env: env(), cwd: dirs().cwd})).rejects.toThrow(/bad\.yaml, line 2, column 1: /)
  })
})
