#!/usr/bin/env node
// Generates one roff man page per command (man/mrctl-<id>.1) and man/mrctl.1 from the oclif
// command metadata, through marked-man. Run after the build: npm run man.
import {execFileSync} from 'node:child_process'
import {mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {Config} from '@oclif/core'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const manDir = join(root, 'man')
const config = await Config.load(root)
const bin = config.bin
const fill = (s) => (s ?? '').replaceAll('<%= config.bin %>', bin)
const esc = (s) => fill(s).replace(/([\\`*_[\]<>])/g, '\\$1')

const EXIT = [
  ['0', 'success'],
  ['1', 'an API or runtime error'],
  ['2', 'a usage error (bad flags or arguments)'],
  ['3', 'partial success: some regions or items failed'],
  ['4', 'timed out waiting'],
]

function page(cmd) {
  const id = cmd.id.replaceAll(':', ' ')
  const name = `${bin}-${cmd.id.replaceAll(':', '-')}`
  const args = Object.values(cmd.args ?? {})
  const flags = Object.entries(cmd.flags ?? {}).filter(([, f]) => !f.hidden)
  const lines = [`# ${name}(1) -- ${esc(cmd.summary ?? cmd.description?.split('\n')[0] ?? id)}`, '']
  lines.push('## SYNOPSIS', '', `\`${bin} ${id}\`${args.map((a) => ` ${a.required ? '' : '\\['}*${a.name}*${a.required ? '' : '\\]'}`).join('')} \\[*flags*\\]`, '')
  if (cmd.description) lines.push('## DESCRIPTION', '', esc(cmd.description), '')
  if (args.length) {
    lines.push('## ARGUMENTS', '')
    for (const a of args) lines.push(`* *${a.name}*:`, `  ${esc(a.description ?? '')}${a.required ? ' (required)' : ''}`, '')
  }
  if (flags.length) {
    lines.push('## OPTIONS', '')
    for (const [n, f] of flags.sort(([a], [b]) => a.localeCompare(b))) {
      const short = f.char ? `-${f.char}, ` : ''
      const value = f.type === 'option' ? ` *${f.options ? f.options.join('|') : 'value'}*` : ''
      const text = f.summary ?? f.description ?? ''
      lines.push(`* \`${short}--${n}\`${value}:`, `  ${esc(text)}${f.multiple && !/repeatable/.test(text) ? ' (repeatable)' : ''}`, '')
    }
  }
  if (cmd.examples?.length) {
    lines.push('## EXAMPLES', '')
    for (const e of cmd.examples) lines.push(`    ${fill(typeof e === 'string' ? e : e.command)}`, '')
  }
  lines.push('## EXIT STATUS', '')
  for (const [c, d] of EXIT) lines.push(`* ${c}:`, `  ${d}`, '')
  lines.push('## SEE ALSO', '', `${bin}(1)`, '')
  return {name, text: lines.join('\n')}
}

mkdirSync(manDir, {recursive: true})
for (const f of readdirSync(manDir)) if (/\.1(\.md)?$/.test(f)) rmSync(join(manDir, f))
const commands = config.commands.filter((c) => !c.hidden && c.pluginName === config.name).sort((a, b) => a.id.localeCompare(b.id))
const pages = commands.map(page)
const index = [
  `# ${bin}(1) -- ${esc(config.pjson.description)}`,
  '',
  '## SYNOPSIS',
  '',
  `\`${bin}\` *topic* *command* \\[*flags*\\]`,
  '',
  '## COMMANDS',
  '',
  ...commands.flatMap((c) => [`* \`${bin} ${c.id.replaceAll(':', ' ')}\`:`, `  ${esc(c.summary ?? '')}`, '']),
]
pages.push({name: bin, text: index.join('\n')})
const marked = join(root, 'node_modules', '.bin', 'marked-man')
const env = {...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? '1767225600'}
for (const p of pages) {
  const md = join(manDir, `${p.name}.1.md`)
  writeFileSync(md, p.text)
  const roff = execFileSync(marked, ['--version', `${bin} ${config.version}`, '--manual', `${bin} manual`, md], {env})
  writeFileSync(join(manDir, `${p.name}.1`), roff)
  rmSync(md)
}
console.log(`${pages.length} man pages in ${manDir}`)
