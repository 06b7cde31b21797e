// The line wrapping that the Python table (prettytable) applies when a column has a maximum width:
// Python's `textwrap.fill(line, width)` with its default settings (tabs expanded to 8 columns,
// whitespace turned into spaces, breaks after hyphens inside words, long words split, whitespace
// dropped at line edges). Written from the documented behaviour and checked against Python.
// Lengths are counted in code points, as Python does.

const WS = '[\\t\\n\\x0b\\x0c\\r ]'
const NWS = '[^\\t\\n\\x0b\\x0c\\r ]'
const WORD = '[\\p{L}\\p{N}_]' // Python's \w for str patterns
const WORD_PUNCT = `(?:${WORD}|[!"'&.,?])`
const LETTER = '[\\p{L}\\p{Nl}\\p{No}_]' // [^\d\W]: word characters that are not decimal digits

// Splits text into chunks: runs of whitespace, em-dashes between words, and words (a word ends
// after a hyphen that joins two letters, before whitespace or the end, or before an em-dash).
const WORDSEP = new RegExp(
  `(${WS}+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=${WORD})` +
    `|${NWS}+?(?:` +
    `-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
    `|(?=${WS}|$)` +
    `|(?<=${WORD_PUNCT})(?=-{2,}${WORD})` +
    `))`,
  'u',
)

function cpLength(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

function cpSlice(s: string, start: number, end?: number): string {
  return Array.from(s).slice(start, end).join('')
}

/** str.expandtabs(8): the column restarts after \n and \r. */
export function expandTabs(text: string, tabsize = 8): string {
  if (!text.includes('\t')) return text
  let out = ''
  let col = 0
  for (const ch of text) {
    if (ch === '\t') {
      const n = tabsize - (col % tabsize)
      out += ' '.repeat(n)
      col += n
    } else {
      out += ch
      col = ch === '\n' || ch === '\r' ? 0 : col + 1
    }
  }
  return out
}

function splitChunks(text: string): string[] {
  const munged = expandTabs(text).replace(/[\t\n\x0b\x0c\r]/g, ' ')
  return munged.split(WORDSEP).filter((c) => c !== undefined && c !== '')
}

// str.strip() == '' in Python: only characters for which str.isspace() is true.
const PY_SPACES = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/

function isBlank(s: string): boolean {
  return PY_SPACES.test(s)
}

/** textwrap.wrap(text, width) */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) throw new RangeError(`invalid width ${width} (must be > 0)`)
  const chunks = splitChunks(text).reverse() // consumed from the end, like a stack
  const lines: string[] = []
  while (chunks.length > 0) {
    const cur: string[] = []
    let curLen = 0
    if (lines.length > 0 && isBlank(chunks[chunks.length - 1])) chunks.pop()
    while (chunks.length > 0) {
      const l = cpLength(chunks[chunks.length - 1])
      if (curLen + l <= width) {
        cur.push(chunks.pop()!)
        curLen += l
      } else break
    }
    if (chunks.length > 0 && cpLength(chunks[chunks.length - 1]) > width) {
      // A word longer than the whole width: split it, after its last hyphen if that fits.
      const spaceLeft = width - curLen
      const chunk = chunks[chunks.length - 1]
      let end = spaceLeft
      const chars = Array.from(chunk)
      if (chars.length > spaceLeft) {
        const hyphen = chars.slice(0, spaceLeft).lastIndexOf('-')
        if (hyphen > 0 && chars.slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1
      }
      cur.push(cpSlice(chunk, 0, end))
      chunks[chunks.length - 1] = cpSlice(chunk, end)
      curLen = cur.reduce((n, c) => n + cpLength(c), 0)
    }
    if (cur.length > 0 && isBlank(cur[cur.length - 1])) {
      curLen -= cpLength(cur[cur.length - 1])
      cur.pop()
    }
    if (cur.length > 0) lines.push(cur.join(''))
  }
  return lines
}

/** textwrap.fill(text, width) */
export function fill(text: string, width: number): string {
  return wrap(text, width).join('\n')
}
