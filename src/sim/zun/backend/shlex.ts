/**
 * POSIX shell-style word splitting, as Python's `shlex.split` does it: whitespace separates words;
 * single quotes keep everything literally; double quotes keep everything except that a backslash
 * escapes `\`, `"`, `$` and `` ` ``; outside quotes a backslash escapes the next character.
 * Zun uses it on the string command of create (< 1.20), on `exec`'s quoted command and on
 * `entrypoint`. Throws on an unterminated quote, as shlex does ("No closing quotation").
 */
export function shlexSplit(input: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  while (i < input.length) {
    const ch = input[i]
    if (ch === "'") {
      const end = input.indexOf("'", i + 1)
      if (end < 0) throw new Error('No closing quotation')
      word += input.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (ch === '"') {
      i++
      let closed = false
      while (i < input.length) {
        const c = input[i]
        if (c === '"') {
          closed = true
          i++
          break
        }
        if (c === '\\' && i + 1 < input.length && '\\"$`'.includes(input[i + 1])) {
          word += input[i + 1]
          i += 2
          continue
        }
        word += c
        i++
      }
      if (!closed) throw new Error('No closing quotation')
      inWord = true
    } else if (ch === '\\') {
      if (i + 1 >= input.length) throw new Error('No escaped character')
      word += input[i + 1]
      inWord = true
      i += 2
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
    } else {
      word += ch
      inWord = true
      i++
    }
  }
  if (inWord) words.push(word)
  return words
}

/** zunclient's `parse_command`: every word in double quotes, joined by spaces. */
export function quoteCommand(argv: string[]): string {
  return argv.map((a) => `"${a.replace(/(["\\$`])/g, '\\$1')}"`).join(' ')
}
