// The `yaml` format: output byte-identical to PyYAML's
// `yaml.safe_dump(data, default_flow_style=False)`, which cliff uses.
//
// Why not the `yaml` npm package: even set up as closely as it allows (version '1.1',
// singleQuote, indentSeq: false), its output differs from PyYAML on ordinary OpenStack data.
// Found by running both:
// - non-ASCII text is kept as is ("café"); PyYAML, without allow_unicode, writes "caf\xE9"
// - a tab stays raw in a plain scalar; PyYAML writes "a\tb"
// - a string with line breaks becomes a `|-` block; PyYAML writes a single-quoted 'line1\n\n  line2'
// - long lines fold before column 80; PyYAML finishes the word that crosses column 80, then breaks
// - keys are not sorted (safe_dump sorts them)
// So this is a small emitter of our own. It follows PyYAML's documented output rules:
// - block style, keys sorted, sequences inside mappings not indented, 2-space indent
// - lines folded at spaces past column 80
// - plain style unless the text would read back as another type, or holds indicators
// - single quotes next, then double quotes (with escapes) for special characters
// The tests use the `yaml` package to check that what we print parses back.

import {compareCodePoints, dictEntries, isDictLike, isNumber, isPyInt, pyFloatRepr} from './python.js'

// YAML 1.1 implicit types PyYAML's resolver recognises; a string matching one must be quoted.
const IMPLICIT_NON_STR: RegExp[] = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<)$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  /^(?:=)$/,
]

/** True when PyYAML would read the plain text back as something other than a string. */
export function resolvesAsNonString(text: string): boolean {
  // Python's `$` also matches before one final newline
  const candidates = text.endsWith('\n') ? [text, text.slice(0, -1)] : [text]
  return candidates.some((t) => IMPLICIT_NON_STR.some((re) => re.test(t)))
}

interface Analysis {
  empty: boolean
  multiline: boolean
  allowBlockPlain: boolean
  allowSingleQuoted: boolean
}

const BREAKS = '\n\x85\u2028\u2029'
const BLANK_OR_BREAK = '\0 \t\r\n\x85\u2028\u2029'

export function analyzeScalar(text: string): Analysis {
  if (text === '') return {empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true}
  const chars = Array.from(text)
  let blockIndicators = text.startsWith('---') || text.startsWith('...')
  let lineBreaks = false
  let special = false
  let leadingSpace = false
  let leadingBreak = false
  let trailingSpace = false
  let trailingBreak = false
  let breakSpace = false
  let spaceBreak = false
  let precededByWhitespace = true
  let followedByWhitespace = chars.length === 1 || BLANK_OR_BREAK.includes(chars[1])
  let previousSpace = false
  let previousBreak = false
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true
      if ('?:'.includes(ch) && followedByWhitespace) blockIndicators = true
      if (ch === '-' && followedByWhitespace) blockIndicators = true
    } else {
      if (ch === ':' && followedByWhitespace) blockIndicators = true
      if (ch === '#' && precededByWhitespace) blockIndicators = true
    }
    if (BREAKS.includes(ch)) lineBreaks = true
    const cp = ch.codePointAt(0)!
    if (!(ch === '\n' || (cp >= 0x20 && cp <= 0x7e))) special = true // no allow_unicode
    if (ch === ' ') {
      if (i === 0) leadingSpace = true
      if (i === chars.length - 1) trailingSpace = true
      if (previousBreak) breakSpace = true
      previousSpace = true
      previousBreak = false
    } else if (BREAKS.includes(ch)) {
      if (i === 0) leadingBreak = true
      if (i === chars.length - 1) trailingBreak = true
      if (previousSpace) spaceBreak = true
      previousSpace = false
      previousBreak = true
    } else {
      previousSpace = false
      previousBreak = false
    }
    precededByWhitespace = BLANK_OR_BREAK.includes(ch)
    followedByWhitespace = i + 2 >= chars.length || BLANK_OR_BREAK.includes(chars[i + 2])
  }
  let allowBlockPlain = true
  let allowSingleQuoted = true
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowBlockPlain = false
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = false
  if (lineBreaks) allowBlockPlain = false
  if (blockIndicators) allowBlockPlain = false
  return {empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted}
}

const DOUBLE_QUOTED_ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\x08': 'b',
  '\x09': 't',
  '\x0A': 'n',
  '\x0B': 'v',
  '\x0C': 'f',
  '\x0D': 'r',
  '\x1B': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xA0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
}

interface Scalar {
  text: string
  /** plain style allowed by the resolver (the text reads back as the same type) */
  implicit: boolean
}

function representScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return {text: 'null', implicit: true}
  if (value === true) return {text: 'true', implicit: true}
  if (value === false) return {text: 'false', implicit: true}
  if (isNumber(value)) {
    if (typeof value === 'bigint') return {text: value.toString(), implicit: true}
    if (Number.isNaN(value)) return {text: '.nan', implicit: true}
    if (value === Infinity) return {text: '.inf', implicit: true}
    if (value === -Infinity) return {text: '-.inf', implicit: true}
    if (isPyInt(value)) return {text: String(value === 0 ? 0 : value), implicit: true}
    let text = pyFloatRepr(value).toLowerCase()
    if (!text.includes('.') && text.includes('e')) text = text.replace('e', '.0e')
    return {text, implicit: true}
  }
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value)
  return {text, implicit: !resolvesAsNonString(text)}
}

class Emitter {
  out = ''
  private column = 0
  private whitespace = true
  private indention = true
  private indent: number | null = null
  private readonly indents: (number | null)[] = []
  private readonly bestIndent = 2
  private readonly bestWidth = 80

  private write(data: string): void {
    this.out += data
    this.column += Array.from(data).length
  }

  private increaseIndent(flow: boolean, indentless = false): void {
    this.indents.push(this.indent)
    if (this.indent === null) this.indent = flow ? this.bestIndent : 0
    else if (!indentless) this.indent += this.bestIndent
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? null
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.whitespace || !needWhitespace ? indicator : ' ' + indicator
    this.whitespace = whitespace
    this.indention = this.indention && indention
    this.write(data)
  }

  writeLineBreak(data = '\n'): void {
    this.whitespace = true
    this.indention = true
    this.out += data
    this.column = 0
  }

  writeIndent(): void {
    const indent = this.indent ?? 0
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.writeLineBreak()
    }
    if (this.column < indent) {
      this.whitespace = true
      this.write(' '.repeat(indent - this.column))
    }
  }

  private writePlain(text: string, split: boolean): void {
    if (!text) return
    if (!this.whitespace) this.write(' ')
    this.whitespace = false
    this.indention = false
    const chars = Array.from(text)
    let spaces = false
    let start = 0
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split) {
            this.writeIndent()
            this.whitespace = false
            this.indention = false
          } else {
            this.write(chars.slice(start, end).join(''))
          }
          start = end
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch)) {
        this.write(chars.slice(start, end).join(''))
        start = end
      }
      if (ch !== undefined) spaces = ch === ' '
    }
  }

  private writeSingleQuoted(text: string, split: boolean): void {
    this.writeIndicator("'", true)
    const chars = Array.from(text)
    let spaces = false
    let breaks = false
    let start = 0
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split && start !== 0 && end !== chars.length) {
            this.writeIndent()
          } else {
            this.write(chars.slice(start, end).join(''))
          }
          start = end
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          if (chars[start] === '\n') this.writeLineBreak()
          for (const br of chars.slice(start, end)) this.writeLineBreak(br)
          this.writeIndent()
          start = end
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(chars.slice(start, end).join(''))
          start = end
        }
      }
      if (ch === "'") {
        this.write("''")
        start = end + 1
      }
      if (ch !== undefined) {
        spaces = ch === ' '
        breaks = BREAKS.includes(ch)
      }
    }
    this.writeIndicator("'", false)
  }

  private writeDoubleQuoted(text: string, split: boolean): void {
    this.writeIndicator('"', true)
    const chars = Array.from(text)
    let start = 0
    for (let end = 0; end <= chars.length; end++) {
      const ch = end < chars.length ? chars[end] : undefined
      const cp = ch === undefined ? 0 : ch.codePointAt(0)!
      if (ch === undefined || '"\\\x85\u2028\u2029\uFEFF'.includes(ch) || !(cp >= 0x20 && cp <= 0x7e)) {
        if (start < end) {
          this.write(chars.slice(start, end).join(''))
          start = end
        }
        if (ch !== undefined) {
          const short = DOUBLE_QUOTED_ESCAPES[ch]
          let data: string
          if (short !== undefined) data = '\\' + short
          else if (cp <= 0xff) data = '\\x' + cp.toString(16).toUpperCase().padStart(2, '0')
          else if (cp <= 0xffff) data = '\\u' + cp.toString(16).toUpperCase().padStart(4, '0')
          else data = '\\U' + cp.toString(16).toUpperCase().padStart(8, '0')
          this.write(data)
          start = end + 1
        }
      }
      if (0 < end && end < chars.length - 1 && (ch === ' ' || start >= end) && this.column + (end - start) > this.bestWidth && split) {
        const data = chars.slice(start, end).join('') + '\\'
        if (start < end) start = end
        this.write(data)
        this.writeIndent()
        this.whitespace = false
        this.indention = false
        if (chars[start] === ' ') this.write('\\')
      }
    }
    this.writeIndicator('"', false)
  }

  private scalar(value: unknown, simpleKey: boolean): void {
    const {text, implicit} = representScalar(value)
    const analysis = analyzeScalar(text)
    this.increaseIndent(true)
    const split = !simpleKey
    if (implicit && !(simpleKey && (analysis.empty || analysis.multiline)) && analysis.allowBlockPlain) {
      this.writePlain(text, split)
    } else if (analysis.allowSingleQuoted && !(simpleKey && analysis.multiline)) {
      this.writeSingleQuoted(text, split)
    } else {
      this.writeDoubleQuoted(text, split)
    }
    this.popIndent()
  }

  /** PyYAML's check_simple_key for a scalar key: short ("!!str" tag counted) and one line. */
  private isSimpleKey(key: unknown): boolean {
    if (Array.isArray(key) || isDictLike(key)) return false
    const {text} = representScalar(key)
    const analysis = analyzeScalar(text)
    const tagLength = typeof key === 'string' ? 5 : typeof key === 'boolean' ? 6 : key === null ? 6 : 5
    return Array.from(text).length + tagLength < 128 && !analysis.empty && !analysis.multiline
  }

  node(value: unknown, mappingContext: boolean, simpleKey = false): void {
    if (Array.isArray(value) || value instanceof Set) {
      const items = [...value]
      if (items.length === 0) {
        this.writeIndicator('[', true, true)
        this.writeIndicator(']', false)
        return
      }
      this.increaseIndent(false, mappingContext && !this.indention)
      for (const item of items) {
        this.writeIndent()
        this.writeIndicator('-', true, false, true)
        this.node(item, false)
      }
      this.popIndent()
      return
    }
    if (isDictLike(value)) {
      const entries = dictEntries(value).sort((a, b) => compareCodePoints(a[0], b[0]))
      if (entries.length === 0) {
        this.writeIndicator('{', true, true)
        this.writeIndicator('}', false)
        return
      }
      this.increaseIndent(false)
      for (const [k, v] of entries) {
        this.writeIndent()
        if (this.isSimpleKey(k)) {
          this.node(k, true, true)
          this.writeIndicator(':', false)
        } else {
          this.writeIndicator('?', true, false, true)
          this.node(k, true)
          this.writeIndent()
          this.writeIndicator(':', true, false, true)
        }
        this.node(v, true)
      }
      this.popIndent()
      return
    }
    this.scalar(value, simpleKey)
  }

  endDocument(): void {
    this.indent = null
    this.writeIndent()
  }
}

/** yaml.safe_dump(value, default_flow_style=False) */
export function pyYamlSafeDump(value: unknown): string {
  const e = new Emitter()
  e.node(value, false)
  e.endDocument()
  return e.out
}
