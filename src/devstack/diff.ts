/** Unified diffs (`diff -u`, `patch -p1`), and the masking that keeps passwords out of shown ones. */

const SECRET_KEY = /(password|passwd|secret|token|credential|^key$|_key$)/i

/**
 * A config line fit to print: the value of a secret-named key becomes `***`, and so does the
 * password in a URL's user info (`rabbit://user:***@host`, `mysql+pymysql://root:***@…`).
 */
export function maskConfigLine(line: string): string {
  const kv = /^([ \t]*[#;]?[ \t]*)([^=:#;\s][^=:]*?)([ \t]*[=:][ \t]*)(.*)$/.exec(line)
  if (kv && SECRET_KEY.test(kv[2].trim()) && kv[4].trim() !== '') return `${kv[1]}${kv[2]}${kv[3]}***`
  return line.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s/]+@/gi, '$1***@')
}

export function maskConfigText(text: string): string {
  return text
    .split(/(\r\n|\n|\r)/)
    .map((part, i) => (i % 2 === 0 ? maskConfigLine(part) : part))
    .join('')
}

/**
 * A unified diff of one file, with `a/…` and `b/…` names and three lines of context, as
 * `diff -u` and git write it. Empty when nothing changed.
 */
export async function unifiedDiff(oldName: string, newName: string, before: string, after: string): Promise<string> {
  if (before === after) return ''
  const {createTwoFilesPatch} = await import('diff')
  const patch = createTwoFilesPatch(oldName, newName, before, after, undefined, undefined, {context: 3})
  // jsdiff opens with a `===…` separator line that diff(1) does not write; patch(1) skips it anyway.
  return patch.replace(/^=+\n/, '')
}
