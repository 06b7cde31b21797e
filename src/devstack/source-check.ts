import {readFile} from 'node:fs/promises'
import {join, relative, resolve, sep} from 'node:path'

import {MrctlError} from '../core/errors.js'
import {unifiedDiff} from './diff.js'

/**
 * The guide's Prerequisite: before Train, Zun's `neutron()` (zun/common/clients.py) and
 * kuryr's `get_neutron_client()` (kuryr/lib/utils.py) build their Neutron client without a
 * region, so in a multi-region cloud they may talk to the wrong Neutron. We read the function,
 * tell whether some call in it is given `region_name`, and when it is not, compute the guide's
 * change (read `region_name` from the same config group as `endpoint_type`, pass it to the
 * client) as a unified diff for the operator to review. The sources are never edited here.
 */

export interface SourceSpec {
  project: string
  /** The file inside the project's checkout. */
  file: string
  func: string
  flag: string
}

export const ZUN_SOURCE: SourceSpec = {project: 'zun', file: 'zun/common/clients.py', func: 'neutron', flag: '--zun-dir'}
export const KURYR_SOURCE: SourceSpec = {project: 'kuryr', file: 'kuryr/lib/utils.py', func: 'get_neutron_client', flag: '--kuryr-dir'}

export type SourceStatus = 'passes region_name' | 'does not pass region_name' | 'function not found'

export interface SourceReport {
  project: string
  path: string
  func: string
  status: SourceStatus
  /** The patched text, when the function lacks region_name and has the shape the guide patches. */
  patched?: string
  /** Why no patch could be made. */
  note?: string
  original: string
}

interface FunctionSpan {
  /** Index of the `def` line. */
  start: number
  /** One past the body's last line. */
  end: number
}

/** The `def name(` line and its indented body (up to the next line indented no deeper than the def). */
export function findFunction(lines: string[], name: string): FunctionSpan | undefined {
  const re = new RegExp(`^([ \\t]*)def[ \\t]+${name}[ \\t]*\\(`)
  const start = lines.findIndex((l) => re.test(l))
  if (start < 0) return undefined
  const indent = re.exec(lines[start])![1].length
  let end = start + 1
  let depth = bracketDepth(lines[start])
  // The signature may go on over several lines.
  while (depth > 0 && end < lines.length) depth += bracketDepth(lines[end++])
  let lastCode = end - 1
  for (let i = end; i < lines.length; i++) {
    const l = lines[i]
    if (l.trim() === '') continue
    if (depth === 0 && /^[ \t]*/.exec(l)![0].length <= indent) break
    depth += bracketDepth(l)
    lastCode = i
  }
  return {start, end: lastCode + 1}
}

/** Code without comments and with string literals blanked (so that brackets and names in them do not count). */
export function stripPython(line: string): string {
  let out = ''
  let quote: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote) {
      if (c === '\\') {
        out += '  '
        i++
      } else if (c === quote) {
        out += c
        quote = undefined
      } else out += ' '
      continue
    }
    if (c === '#') break
    if (c === '"' || c === "'") quote = c
    out += c
  }
  return out
}

function bracketDepth(line: string): number {
  let d = 0
  for (const c of stripPython(line)) {
    if ('([{'.includes(c)) d++
    else if (')]}'.includes(c)) d--
  }
  return d
}

/** True when a call in the body takes `region_name=` (or a dict passed on gives `'region_name':`). */
export function passesRegionName(body: string[]): boolean {
  const code = body.map(stripPython).join('\n')
  if (/[(,][ \t\n]*region_name[ \t]*=(?!=)/.test(code)) return true
  return body.some((l) => /^[^#]*['"]region_name['"][ \t]*:/.test(l))
}

/**
 * The guide's change: after `endpoint_type = <expr 'endpoint_type'>`, the same expression for
 * 'region_name'; and `region_name=region_name` as the last argument of the `….Client(` call.
 */
export function patchFunction(lines: string[], span: FunctionSpan): {lines: string[]} | {note: string} {
  const body = lines.slice(span.start, span.end)
  const etIndex = body.findIndex((l) => /^[ \t]*endpoint_type[ \t]*=[^=]/.test(l))
  if (etIndex < 0) return {note: 'no `endpoint_type = …` line to read region_name beside'}
  const etLine = body[etIndex]
  if (bracketDepth(etLine) !== 0) return {note: 'the `endpoint_type = …` assignment spans several lines'}
  const quoted = /(['"])endpoint_type\1/
  if (!quoted.test(etLine)) return {note: "the `endpoint_type = …` line does not read the 'endpoint_type' option"}
  const regionLine = etLine.replace(/^([ \t]*)endpoint_type/, '$1region_name').replace(quoted, '$1region_name$1')

  const callStart = body.findIndex((l, i) => i > etIndex && /\bClient[ \t]*\(/.test(stripPython(l)))
  if (callStart < 0) return {note: 'no `….Client(` call after `endpoint_type = …`'}
  // Find the line that closes the call.
  const open = stripPython(body[callStart]).search(/\bClient[ \t]*\(/)
  const openParen = body[callStart].indexOf('(', open)
  let depth = 0
  let closeLine = -1
  let closeCol = -1
  for (let i = callStart; i < body.length && closeLine < 0; i++) {
    const code = stripPython(body[i])
    for (let c = i === callStart ? openParen : 0; c < code.length; c++) {
      if ('([{'.includes(code[c])) depth++
      else if (')]}'.includes(code[c]) && --depth === 0) {
        closeLine = i
        closeCol = c
        break
      }
    }
  }
  if (closeLine < 0) return {note: 'the `….Client(` call is not closed'}

  const out = [...body]
  const before = out[closeLine].slice(0, closeCol)
  const after = out[closeLine].slice(closeCol)
  if (before.trim() === '') {
    // `)` alone on its line: a new argument line before it, aligned with the one above.
    const prev = out[closeLine - 1]
    const indent = /^[ \t]*/.exec(prev)![0]
    const prevCode = stripPython(prev).trimEnd()
    if (!prevCode.endsWith(',') && !prevCode.endsWith('(')) out[closeLine - 1] = `${prev.slice(0, prevCode.length)},${prev.slice(prevCode.length)}`
    out.splice(closeLine, 0, `${indent}region_name=region_name,`)
  } else if (closeLine === callStart && !/\(\s*$/.test(before)) {
    // All on one line: `Client(session=session)`.
    const trimmed = before.trimEnd()
    out[closeLine] = `${trimmed}${trimmed.endsWith(',') ? ' ' : ', '}region_name=region_name${after}`
  } else {
    // `…last_arg)` ends the call: the new argument goes on its own line, aligned with the arguments.
    const argIndent = closeLine === callStart ? ' '.repeat(openParen + 1) : /^[ \t]*/.exec(out[closeLine])![0]
    const trimmed = before.trimEnd()
    out.splice(closeLine, 1, `${trimmed}${trimmed.endsWith(',') ? '' : ','}`, `${argIndent}region_name=region_name${after}`)
  }
  out.splice(etIndex + 1, 0, regionLine)
  return {lines: [...lines.slice(0, span.start), ...out, ...lines.slice(span.end)]}
}

/** Reads one project's file and reports on its function. */
export async function checkSource(dir: string, spec: SourceSpec): Promise<SourceReport> {
  const path = join(dir, spec.file)
  let original: string
  try {
    original = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'not found' : code === 'EACCES' ? 'not readable (permission denied)' : (error as Error).message
    throw new MrctlError(`${spec.project} source ${path}: ${why}`, {
      actions: [`point at the ${spec.project} checkout with ${spec.flag} DIR (the guide clones it to /opt/stack/${spec.project})`],
    })
  }
  const eol = original.includes('\r\n') ? '\r\n' : '\n'
  const lines = original.split(eol)
  const span = findFunction(lines, spec.func)
  const base = {project: spec.project, path, func: `${spec.func}()`, original}
  if (!span) return {...base, status: 'function not found', note: `no \`def ${spec.func}(\` in ${spec.file}`}
  if (passesRegionName(lines.slice(span.start + 1, span.end))) return {...base, status: 'passes region_name'}
  const patch = patchFunction(lines, span)
  if ('note' in patch) return {...base, status: 'does not pass region_name', note: `cannot write the patch: ${patch.note}; change it by hand as the guide shows`}
  return {...base, status: 'does not pass region_name', patched: patch.lines.join(eol)}
}

/** The folder both checkouts are in: `patch -p1` is run there. */
export function patchRoot(dirs: string[]): string {
  const parts = dirs.map((d) => resolve(d).split(sep))
  const common: string[] = []
  for (let i = 0; parts.every((p) => i < p.length - 1 && p[i] === parts[0][i]); i++) common.push(parts[0][i])
  return common.join(sep) || sep
}

/** One diff for every report with a patch, with `a/` and `b/` paths relative to `root`. */
export async function sourcePatch(reports: SourceReport[], root: string): Promise<string> {
  const parts: string[] = []
  for (const r of reports) {
    if (r.patched === undefined) continue
    const rel = relative(root, r.path).split(sep).join('/')
    parts.push(await unifiedDiff(`a/${rel}`, `b/${rel}`, r.original, r.patched))
  }
  return parts.join('')
}
