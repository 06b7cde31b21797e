import {execFileSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {ROOT, runCli} from './harness.js'

/** The lines of one help section ("DESCRIPTION"), without the heading. */
function section(help: string, name: string): string[] {
  const lines = help.split('\n')
  const start = lines.indexOf(name)
  const end = lines.findIndex((l, i) => i > start && /^[A-Z][A-Z ()*>/_-]+$/.test(l))
  return lines.slice(start + 1, end === -1 ? undefined : end)
}

describe('help', () => {
  it('`--os-container-api-version` names its variable once', async () => {
    const r = await runCli(['appcontainer', 'list', '--help'], {env: {COLUMNS: '200'}})
    expect(r.code).toBe(0)
    // The flag's entry: its line and the continuation lines under it.
    const lines = r.stdout.split('\n')
    const at = lines.findIndex((l) => l.includes('--os-container-api-version='))
    const end = lines.findIndex((l, i) => i > at && /^\s*(-\w, )?--[a-z]/.test(l))
    const entry = lines.slice(at, end).join(' ')
    expect(entry.match(/OS_CONTAINER_API_VERSION/g)).toHaveLength(1)
  })

  it('`loadbalancer create --help`: the description is one paragraph, wrapped once (no ragged lines)', async () => {
    const r = await runCli(['loadbalancer', 'create', '--help'], {env: {COLUMNS: '80'}})
    const paragraph = section(r.stdout, 'DESCRIPTION').filter((l) => l.trim() && l.trim() !== 'Create a load balancer')
    expect(paragraph.length).toBeGreaterThan(1)
    // Every line but the last is filled (a hard break in the source would leave a short one).
    for (const l of paragraph.slice(0, -1)) expect(l.length, l).toBeGreaterThan(60)
  })

  it('ERROR CODES: 3 is partial success, 130 an interrupt', async () => {
    const r = await runCli(['network', 'delete', '--help'])
    const codes = section(r.stdout, 'ERROR CODES').join('\n')
    expect(codes).toContain('3    partial success: some regions or items failed, the others were done (--json lists both)')
    expect(codes).toContain('130  interrupted (Ctrl-C): what exists now is printed, with the command that removes it')
  })
})

describe('man pages are part of the build and of the package', () => {
  it('`npm run build` made them: man -l renders mrctl-appcontainer-run.1, with ENVIRONMENT and EXIT STATUS', () => {
    const page = join(ROOT, 'man', 'mrctl-appcontainer-run.1')
    expect(existsSync(page)).toBe(true)
    const text = execFileSync('man', ['-l', page], {env: {...process.env, MANWIDTH: '100', MANPAGER: 'cat', PAGER: 'cat'}}).toString()
    expect(text).toContain('ENVIRONMENT')
    expect(text).toMatch(/OS_CONTAINER_API_VERSION:\s+as --os-container-api-version/)
    expect(text).toMatch(/MRCTL_CONFIG_DIR:/)
    expect(text).toMatch(/NO_COLOR:/)
    expect(text).toContain('EXIT STATUS')
    expect(text).toMatch(/130:\s+interrupted/)
    expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toMatch(/"build": "[^"]*node man\/gen-man\.mjs"/)
  })

  it('`npm pack` includes them', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], {cwd: ROOT}).toString()
    const files = (JSON.parse(out) as Array<{files: Array<{path: string}>}>)[0].files.map((f) => f.path)
    expect(files).toContain('man/mrctl-appcontainer-run.1')
    expect(files).toContain('man/mrctl.1')
    expect(files.filter((f) => f.startsWith('man/') && f.endsWith('.1')).length).toBeGreaterThan(100)
  })
})
