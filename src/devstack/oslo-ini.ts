/**
 * oslo.config files (zun.conf, kuryr.conf), read and edited line by line so that every byte we
 * do not have to change stays as it was: comments, commented defaults, order, repeated keys,
 * continuation lines, whitespace, line endings.
 *
 * The grammar is oslo.config's own (`oslo_config/iniparser.py` and `cfg.ConfigParser`):
 * - a line is right-stripped; an empty one ends a multi-line value;
 * - a line starting with a space or a tab continues the previous assignment's value (an error
 *   when there is none: after a section header, a comment or a blank line);
 * - `[name]` starts a section: it must end with `]` and have a name; group names are compared
 *   in lower case, except `DEFAULT`; a section may appear several times (its keys merge);
 * - `#` or `;` at the start of a line is a comment (there are no inline comments);
 * - anything else is `key = value` or `key: value`, split at the first `=` or `:`; the value is
 *   stripped and loses one pair of matching quotes; a key before any section is an error;
 * - a key given several times keeps its last value (for single-valued options).
 */

export type IniLineKind = 'blank' | 'comment' | 'section' | 'assignment' | 'continuation'

export interface IniLine {
  /** The line without its end-of-line bytes. */
  text: string
  /** `\n`, `\r\n`, `\r`, or '' for a last line without one. */
  eol: string
  kind: IniLineKind
  /** The normalized group this line belongs to (undefined before the first section). */
  group?: string
  /** For assignments: the key, stripped. */
  key?: string
}

/** A file oslo.config would refuse to load; `line` counts from 1, as oslo.config's message does. */
export class IniSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly text: string,
  ) {
    super(`line ${line}, ${reason}: ${JSON.stringify(text)}`)
    this.name = 'IniSyntaxError'
  }
}

/** oslo.config's `_normalize_group_name`. */
export function normalizeGroup(name: string): string {
  return name === 'DEFAULT' ? name : name.toLowerCase()
}

/** Splits text into lines, each keeping its own end-of-line bytes (Python's universal newlines). */
export function splitLines(text: string): Array<{text: string; eol: string}> {
  const parts = text.split(/(\r\n|\n|\r)/)
  const out: Array<{text: string; eol: string}> = []
  for (let i = 0; i < parts.length; i += 2) out.push({text: parts[i], eol: parts[i + 1] ?? ''})
  if (out.length > 0 && out.at(-1)!.text === '' && out.at(-1)!.eol === '') out.pop()
  return out
}

export function joinLines(lines: Array<{text: string; eol: string}>): string {
  return lines.map((l) => l.text + l.eol).join('')
}

/** `_split_key_value`: the key and the raw text after the separator; undefined without one. */
function splitAssignment(line: string): {key: string; valueStart: number} | undefined {
  const colon = line.indexOf(':')
  const equal = line.indexOf('=')
  if (colon < 0 && equal < 0) return undefined
  const at = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon
  return {key: line.slice(0, at).trim(), valueStart: at + 1}
}

function unquote(value: string): string {
  const v = value.trim()
  return v.length >= 2 && v[0] === v.at(-1) && (v[0] === '"' || v[0] === "'") ? v.slice(1, -1) : v
}

/** Classifies every line as oslo.config reads it; throws IniSyntaxError where it would refuse the file. */
export function parseOsloIni(text: string): IniLine[] {
  const lines: IniLine[] = []
  let group: string | undefined
  let inValue = false
  splitLines(text).forEach(({text: raw, eol}, i) => {
    const line = raw.trimEnd()
    const fail = (reason: string): never => {
      throw new IniSyntaxError(reason, i + 1, line)
    }
    if (line === '') {
      inValue = false
      lines.push({text: raw, eol, kind: 'blank', group})
      return
    }
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!inValue) fail('Unexpected continuation line')
      lines.push({text: raw, eol, kind: 'continuation', group})
      return
    }
    inValue = false
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) fail('Invalid section (must end with ])')
      if (line.length <= 2) fail('Empty section name')
      group = normalizeGroup(line.slice(1, -1))
      lines.push({text: raw, eol, kind: 'section', group})
      return
    }
    if (line.startsWith('#') || line.startsWith(';')) {
      lines.push({text: raw, eol, kind: 'comment', group})
      return
    }
    const kv = splitAssignment(line)
    if (!kv) fail("No ':' or '=' found in assignment")
    if (!kv!.key) fail('Key cannot be empty')
    if (group === undefined) fail('Section must be started before assignment')
    inValue = true
    lines.push({text: raw, eol, kind: 'assignment', group, key: kv!.key})
  })
  return lines
}

/** The value of an assignment line with its continuation lines, as oslo.config reads it. */
function valueAt(lines: IniLine[], index: number): string {
  const first = lines[index].text.trimEnd()
  const parts = [unquote(first.slice(splitAssignment(first)!.valueStart))]
  for (let j = index + 1; j < lines.length && lines[j].kind === 'continuation'; j++) parts.push(lines[j].text.trim())
  // oslo strips and unquotes the first line only, then joins the continuations with newlines.
  return parts.join('\n')
}

function lastAssignment(lines: IniLine[], group: string, key: string): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].kind === 'assignment' && lines[i].group === group && lines[i].key === key) return i
  return -1
}

/** The value oslo.config would load for `[section] key`, or undefined when the file does not set it. */
export function readOption(text: string, section: string, key: string): string | undefined {
  const lines = parseOsloIni(text)
  const i = lastAssignment(lines, normalizeGroup(section), key)
  return i < 0 ? undefined : valueAt(lines, i)
}

export interface SetOptionResult {
  text: string
  changed: boolean
  /** The value the file had before (undefined when it did not set the key). */
  previous?: string
  /** What was done: `replaced`, `inserted` (into an existing section), `appended` (a new section), or `unchanged`. */
  action: 'unchanged' | 'replaced' | 'inserted' | 'appended'
}

/** Refuses values that would not read back as themselves. */
export function checkValue(value: string): string | undefined {
  if (value === '') return 'the value is empty'
  if (/[\r\n\0]/.test(value)) return 'the value holds a line break'
  if (value.trim() !== value) return 'the value starts or ends with white space'
  if (value.length >= 2 && value[0] === value.at(-1) && (value[0] === '"' || value[0] === "'")) return 'the value is quoted'
  return undefined
}

/**
 * Sets `[section] key = value`, changing as few lines as it can:
 * - when the key is set (its last occurrence wins), only that line's value changes (its
 *   continuation lines go: they were part of the old value);
 * - else, in an existing section, one line is added after the commented default
 *   (`#key = …`) if the section has one, otherwise after the section's last non-blank line;
 * - else a new section is appended at the end of the file.
 * New lines use the file's own line ending. Nothing is uncommented.
 */
export function setOption(text: string, section: string, key: string, value: string): SetOptionResult {
  const lines = parseOsloIni(text)
  const group = normalizeGroup(section)
  const eol = lines.find((l) => l.eol)?.eol ?? '\n'
  const at = lastAssignment(lines, group, key)
  if (at >= 0) {
    const previous = valueAt(lines, at)
    if (previous === value) return {text, changed: false, previous, action: 'unchanged'}
    const line = lines[at].text
    const start = splitAssignment(line)!.valueStart
    const after = line.slice(start)
    const leading = /^[ \t]*/.exec(after)![0]
    const trailing = /[ \t]*$/.exec(after.slice(leading.length))![0]
    // `key =` with no value yet: space the new value as the key is spaced.
    const space = leading || (/[ \t]$/.test(line.slice(0, start - 1)) ? ' ' : '')
    const edited = {...lines[at], text: `${line.slice(0, start)}${space}${value}${trailing}`}
    let end = at + 1
    while (end < lines.length && lines[end].kind === 'continuation') end++
    // The last continuation line's ending is the assignment's ending.
    edited.eol = lines[end - 1].eol
    return {text: joinLines([...lines.slice(0, at), edited, ...lines.slice(end)]), changed: true, previous, action: 'replaced'}
  }
  const newLine = {text: `${key} = ${value}`, eol}
  const inGroup = lines.map((l, i) => ({l, i})).filter(({l}) => l.group === group)
  if (inGroup.length > 0) {
    const commented = new RegExp(`^[#;]\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[=:]`)
    const def = inGroup.filter(({l}) => l.kind === 'comment' && commented.test(l.text)).at(-1)
    const after = def?.i ?? inGroup.filter(({l}) => l.kind !== 'blank').at(-1)!.i
    return {text: insertAfter(lines, after, newLine), changed: true, action: 'inserted'}
  }
  const out: Array<{text: string; eol: string}> = lines.map((l) => ({text: l.text, eol: l.eol}))
  if (out.length > 0 && out.at(-1)!.eol === '') out.at(-1)!.eol = eol
  if (out.length > 0 && out.at(-1)!.text.trim() !== '') out.push({text: '', eol})
  out.push({text: `[${section}]`, eol}, newLine)
  return {text: joinLines(out), changed: true, action: 'appended'}
}

function insertAfter(lines: IniLine[], index: number, line: {text: string; eol: string}): string {
  const before = lines.slice(0, index + 1).map((l) => ({text: l.text, eol: l.eol}))
  const rest = lines.slice(index + 1)
  // A last line without an end-of-line gets one; the new line then ends the file the same way.
  if (before.at(-1)!.eol === '') {
    before.at(-1)!.eol = line.eol
    return joinLines([...before, {text: line.text, eol: ''}])
  }
  return joinLines([...before, line, ...rest])
}
