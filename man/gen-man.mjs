#!/usr/bin/env node
// Generates one roff man page per command (man/mrctl-<id>.1) and man/mrctl.1 from the oclif
// command metadata, through marked-man (in this process: ~1 s for every page). It runs at the
// end of `npm run build` (after the bundle and the manifest), so a build always has its pages and
// `npm pack` ships them ("files": man/*.1). `npm run man` runs it alone.
import {mkdirSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const manDir = join(root, 'man')
process.env.SOURCE_DATE_EPOCH ??= '1767225600' // reproducible pages: the date is not today's
// The built CLI's modules (bundled: dist/ has its entry points only).
const [{marked}, {default: markedMan}, {EXIT_CODE_HELP, reflow}, {loadConfig}] = await Promise.all([
  import('marked'),
  import('marked-man'),
  import(pathToFileURL(join(root, 'dist', 'src', 'cli', 'help.js')).href),
  import(pathToFileURL(join(root, 'dist', 'src', 'cli', 'main.js')).href),
])
const config = await loadConfig(root)
const bin = config.bin
markedMan.manVersion = `${bin} ${config.version}`
markedMan.manual = `${bin} manual`
marked.use(markedMan)

const fill = (s) => (s ?? '').replaceAll('<%= config.bin %>', bin)
const esc = (s) => fill(s).replace(/([\\`*_[\]<>])/g, '\\$1')

/** Variables every command reads, besides those of its own options. */
const COMMON_ENV = [
  ['OS_CLOUD', 'the cloud in clouds.yaml (or mrctl profile) to use, as --os-cloud'],
  ['OS_CLIENT_CONFIG_FILE', 'the clouds.yaml to read first (then ./clouds.yaml, ~/.config/openstack/, /etc/openstack/)'],
  ['OS_CLIENT_SECURE_FILE', 'the secure.yaml whose secrets are merged over clouds.yaml'],
  ['OS_REGION_NAME, OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, OS_*', "the openstack client's variables; a flag beats its variable"],
  ['MRCTL_CONFIG_DIR', "mrctl's config folder (profiles.yaml; default ~/.config/mrctl)"],
  ['MRCTL_CACHE_DIR', 'the token cache folder (default ~/.cache/mrctl, or MRCTL_CONFIG_DIR/cache)'],
  ['MRCTL_HTTP_TIMEOUT', 'seconds each API call may take, as --http-timeout (default 60)'],
  ['NO_COLOR', 'no colour in the output'],
  ['CI', 'no prompts, spinners or progress bars (as without a terminal)'],
]

/** The variables a command's options read: oclif's `env`, or "(Env: X)" in their description. */
function optionEnv(flags) {
  const out = []
  for (const [name, f] of flags) {
    const vars = new Set([f.env, ...[...(f.description ?? '').matchAll(/Env: ([A-Z][A-Z0-9_]+)/g)].map((m) => m[1])].filter(Boolean))
    for (const v of vars) out.push([v, `as --${name}`])
  }
  return out
}

function envSection(flags) {
  const own = optionEnv(flags)
  const seen = new Set(own.map(([v]) => v))
  const rows = [...own, ...COMMON_ENV.filter(([v]) => !seen.has(v) && !(v.endsWith('OS_*') && own.some(([o]) => o.startsWith('OS_'))))]
  return ['## ENVIRONMENT', '', ...rows.flatMap(([v, d]) => [`* \`${v}\`:`, `  ${esc(d)}`, ''])]
}

const EXIT = EXIT_CODE_HELP

function exitSection() {
  return ['## EXIT STATUS', '', ...EXIT.flatMap(([c, d]) => [`* ${c}:`, `  ${esc(d)}`, ''])]
}

function page(cmd) {
  const id = cmd.id.replaceAll(':', ' ')
  const name = `${bin}-${cmd.id.replaceAll(':', '-')}`
  const args = Object.values(cmd.args ?? {})
  const flags = Object.entries(cmd.flags ?? {}).filter(([, f]) => !f.hidden)
  const lines = [`# ${name}(1) -- ${esc(cmd.summary ?? cmd.description?.split('\n')[0] ?? id)}`, '']
  lines.push('## SYNOPSIS', '', `\`${bin} ${id}\`${args.map((a) => ` ${a.required ? '' : '\\['}*${a.name}*${a.required ? '' : '\\]'}`).join('')} \\[*flags*\\]`, '')
  if (cmd.description) lines.push('## DESCRIPTION', '', esc(reflow(cmd.description)), '')
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
  lines.push(...envSection(flags), ...exitSection())
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
  `\`${bin}\` \\[*global options*\\] *topic* *command* \\[*arguments*\\] \\[*options*\\]`,
  '',
  '## DESCRIPTION',
  '',
  esc(
    'The global options (--os-cloud, --os-region-name and the other --os-* options, --profile, --json, --debug, ' +
      '--timeout, --http-timeout, --insecure) may come before the command, between its words, or after it, as ' +
      'the openstack client takes them. -h is --help.',
  ),
  '',
  '## COMMANDS',
  '',
  ...commands.flatMap((c) => [`* \`${bin} ${c.id.replaceAll(':', ' ')}\`:`, `  ${esc(c.summary ?? '')}`, '']),
  ...envSection([]),
  ...exitSection(),
]
pages.push({name: bin, text: index.join('\n')})
for (const p of pages) writeFileSync(join(manDir, `${p.name}.1`), marked.parse(p.text))
console.log(`${pages.length} man pages in ${manDir}`)
