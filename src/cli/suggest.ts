import {distance} from 'fastest-levenshtein'

/** The candidate closest to `word`, when it is close enough to be a typo of it (at most ⅓ of it, or 2 edits). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const c of candidates) {
    const d = distance(word, c)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined
}

/**
 * What the user meant by `words` (`['image', 'craete', 'x']` → `image create`): each word is kept
 * when it is a command or topic word at its level, or replaced by the closest one, until a command
 * is reached. Undefined when nothing close exists.
 */
export function suggestCommand(words: readonly string[], commandIds: Iterable<string>, topicIds: Iterable<string>): string | undefined {
  const commands = new Set(commandIds)
  const all = [...commands, ...topicIds]
  const fixed: string[] = []
  for (const word of words) {
    const prefix = fixed.length ? `${fixed.join(':')}:` : ''
    const children = new Set(all.filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length).split(':')[0]))
    const next = children.has(word) ? word : closest(word, children)
    if (!next) break
    fixed.push(next)
    if (commands.has(fixed.join(':'))) return fixed.join(' ')
  }
  const changed = fixed.some((w, i) => w !== words[i])
  return changed ? fixed.join(' ') : undefined
}

/** The longest run of leading words that is a topic or a command (what exists of what was typed). */
export function knownPrefix(words: readonly string[], ids: Iterable<string>): string[] {
  const known = new Set(ids)
  const out: string[] = []
  for (const w of words) {
    if (!known.has([...out, w].join(':'))) break
    out.push(w)
  }
  return out
}
