import {execFileSync} from 'node:child_process'
import {cpSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkSource, findFunction, KURYR_SOURCE, passesRegionName, patchFunction, patchRoot, sourcePatch, ZUN_SOURCE} from '../../../src/devstack/source-check.js'
import {useTempDir} from '../../fakes/tmp.js'

const SOURCES = join(import.meta.dirname, '../../fixtures/devstack/source')
const tmp = useTempDir('mrctl-source-')

const patchLines = (src: string, func: string) => {
  const lines = src.split('\n')
  const r = patchFunction(lines, findFunction(lines, func)!)
  return 'lines' in r ? r.lines.join('\n') : r.note
}

describe('devstack check-source on fixture checkouts', () => {
  it('finds that neither unpatched function passes region_name, and its diff applies with patch -p1 to give the patched sources', async () => {
    const stack = join(tmp.path, 'stack')
    cpSync(join(SOURCES, 'unpatched'), stack, {recursive: true})
    const reports = [await checkSource(join(stack, 'zun'), ZUN_SOURCE), await checkSource(join(stack, 'kuryr'), KURYR_SOURCE)]
    expect(reports.map((r) => [r.project, r.func, r.status, r.note])).toEqual([
      ['zun', 'neutron()', 'does not pass region_name', undefined],
      ['kuryr', 'get_neutron_client()', 'does not pass region_name', undefined],
    ])
    const root = patchRoot([join(stack, 'zun'), join(stack, 'kuryr')])
    expect(root).toBe(stack)
    const diff = await sourcePatch(reports, root)
    expect(diff).toContain('--- a/zun/zun/common/clients.py\n+++ b/zun/zun/common/clients.py\n')
    expect(diff).toContain('--- a/kuryr/kuryr/lib/utils.py\n+++ b/kuryr/kuryr/lib/utils.py\n')
    expect(diff.split('\n').filter((l) => /^[+-][^+-]/.test(l))).toEqual([
      "+        region_name = self._get_client_option('neutron', 'region_name')",
      '-                                             endpoint_type=endpoint_type)',
      '+                                             endpoint_type=endpoint_type,',
      '+                                             region_name=region_name)',
      "+    region_name = getattr(getattr(cfg.CONF, conf_group), 'region_name')",
      '-                         endpoint_type=endpoint_type)',
      '+                         endpoint_type=endpoint_type,',
      '+                         region_name=region_name)',
    ])
    // The sources themselves are untouched.
    expect(readFileSync(join(stack, 'zun/zun/common/clients.py'), 'utf8')).toBe(readFileSync(join(SOURCES, 'unpatched/zun/zun/common/clients.py'), 'utf8'))

    const patchFile = join(tmp.path, 'region.patch')
    writeFileSync(patchFile, diff)
    const out = execFileSync('patch', ['-p1', '--batch', '--forward', '-i', patchFile], {cwd: stack, encoding: 'utf8'})
    expect(out).toBe('patching file zun/zun/common/clients.py\npatching file kuryr/kuryr/lib/utils.py\n')
    for (const f of ['zun/zun/common/clients.py', 'kuryr/kuryr/lib/utils.py']) {
      expect(readFileSync(join(stack, f), 'utf8')).toBe(readFileSync(join(SOURCES, 'patched', f), 'utf8'))
    }
    const after = [await checkSource(join(stack, 'zun'), ZUN_SOURCE), await checkSource(join(stack, 'kuryr'), KURYR_SOURCE)]
    expect(after.map((r) => r.status)).toEqual(['passes region_name', 'passes region_name'])
  })

  it('finds that the patched functions pass region_name, and has nothing to patch', async () => {
    const reports = [
      await checkSource(join(SOURCES, 'patched/zun'), ZUN_SOURCE),
      await checkSource(join(SOURCES, 'patched/kuryr'), KURYR_SOURCE),
    ]
    expect(reports.map((r) => r.status)).toEqual(['passes region_name', 'passes region_name'])
    expect(await sourcePatch(reports, SOURCES)).toBe('')
  })

  it('says which checkout is missing and the flag that points at it', async () => {
    await expect(checkSource(join(tmp.path, 'nowhere'), ZUN_SOURCE)).rejects.toThrow(`zun source ${join(tmp.path, 'nowhere', 'zun/common/clients.py')}: not found`)
  })

  it('reports a file without the function', async () => {
    mkdirSync(join(tmp.path, 'kuryr/kuryr/lib'), {recursive: true})
    writeFileSync(join(tmp.path, 'kuryr/kuryr/lib/utils.py'), 'def other():\n    pass\n')
    const r = await checkSource(join(tmp.path, 'kuryr'), KURYR_SOURCE)
    expect(r).toMatchObject({status: 'function not found', note: 'no `def get_neutron_client(` in kuryr/lib/utils.py'})
  })

  it('makes the diff for one project alone, relative to its parent folder', async () => {
    const stack = join(tmp.path, 'stack')
    cpSync(join(SOURCES, 'unpatched/zun'), join(stack, 'zun'), {recursive: true})
    const root = patchRoot([join(stack, 'zun')])
    expect(root).toBe(stack)
    writeFileSync(join(tmp.path, 'z.patch'), await sourcePatch([await checkSource(join(stack, 'zun'), ZUN_SOURCE)], root))
    execFileSync('patch', ['-p1', '--batch', '-i', join(tmp.path, 'z.patch')], {cwd: stack})
    expect(readFileSync(join(stack, 'zun/zun/common/clients.py'), 'utf8')).toBe(readFileSync(join(SOURCES, 'patched/zun/zun/common/clients.py'), 'utf8'))
  })
})

describe('reading the function', () => {
  it("counts Train's url_for(region_name=…) as passing it, and a comment or another function's argument not", () => {
    const train = [
      '    def neutron(self):',
      "        endpoint_type = self._get_client_option('neutron', 'endpoint_type')",
      "        region_name = self._get_client_option('neutron', 'region_name')",
      "        endpoint = self.url_for(service_type='network',",
      '                                interface=endpoint_type,',
      '                                region_name=region_name)',
    ]
    expect(passesRegionName(train.slice(1))).toBe(true)
    expect(passesRegionName(['        # Client(region_name=x)', "        x = 'Client(a, region_name=b)'"])).toBe(false)
    expect(passesRegionName(["        args = {'region_name': region}", '        c = Client(**args)'])).toBe(true)
    const src = ['class C:', '    def glance(self):', "        return G(region_name='R')", '', '    def neutron(self):', '        return N(session=s)', '', '    def other(self):', '        pass']
    const span = findFunction(src, 'neutron')!
    expect(span).toEqual({start: 4, end: 6})
    expect(passesRegionName(src.slice(span.start + 1, span.end))).toBe(false)
  })

  it('patches a call whose closing bracket is on its own line, or that fits on one line', () => {
    const ownLine = [
      'def get_neutron_client():',
      "    endpoint_type = getattr(group, 'endpoint_type')",
      '    return client.Client(',
      '        session=session,',
      '        endpoint_type=endpoint_type',
      '    )',
    ].join('\n')
    expect(patchLines(ownLine, 'get_neutron_client')).toBe(
      [
        'def get_neutron_client():',
        "    endpoint_type = getattr(group, 'endpoint_type')",
        "    region_name = getattr(group, 'region_name')",
        '    return client.Client(',
        '        session=session,',
        '        endpoint_type=endpoint_type,',
        '        region_name=region_name,',
        '    )',
      ].join('\n'),
    )
    const oneLine = ['def neutron(self):', '    endpoint_type = opt("neutron", "endpoint_type")', '    return Client(session=s, endpoint_type=endpoint_type)'].join('\n')
    expect(patchLines(oneLine, 'neutron')).toBe(
      [
        'def neutron(self):',
        '    endpoint_type = opt("neutron", "endpoint_type")',
        '    region_name = opt("neutron", "region_name")',
        '    return Client(session=s, endpoint_type=endpoint_type, region_name=region_name)',
      ].join('\n'),
    )
  })

  it('explains when it cannot write the change', () => {
    expect(patchLines('def neutron(self):\n    return Client(session=s)', 'neutron')).toBe('no `endpoint_type = …` line to read region_name beside')
    expect(patchLines('def neutron(self):\n    endpoint_type = "publicURL"\n    return Client(session=s)', 'neutron')).toBe(
      "the `endpoint_type = …` line does not read the 'endpoint_type' option",
    )
    expect(patchLines("def neutron(self):\n    endpoint_type = o('endpoint_type')\n    return 1", 'neutron')).toBe('no `….Client(` call after `endpoint_type = …`')
  })
})
