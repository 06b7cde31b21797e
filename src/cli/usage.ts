import {closest} from './suggest.js'

/**
 * oclif's parse errors in mrctl's words: without "See more help with --help" (the hint names the
 * command's help), without the note that flags must come after arguments (wrong here: mrctl's
 * repeatable options take one value each and may come anywhere), and, for an unknown option, the
 * option meant when one is close.
 */
export function usageMessage(
  err: {message: string; flags?: unknown},
  flags: Record<string, {char?: string}>,
): {message: string; actions: string[]} {
  const message = err.message
    .replace(/\n\nNote: [\s\S]*?the beginning of arguments\./, '')
    .replace(/\n?See more help with --help\s*$/, '')
  const actions: string[] = []
  const unknown = Array.isArray(err.flags) ? (err.flags as string[]) : []
  for (const given of unknown) {
    const meant = suggestFlag(given, flags)
    if (meant) actions.push(`Did you mean "${meant}"?`)
  }
  return {message, actions}
}

/** `--nmae` → `--name`, `--os-regin-name` → `--os-region-name` (long options only: one letter is too short to guess). */
export function suggestFlag(given: string, flags: Record<string, {char?: string}>): string | undefined {
  if (!given.startsWith('--')) return undefined
  const name = given.slice(2).split('=')[0]
  const meant = closest(name, Object.keys(flags))
  return meant ? `--${meant}` : undefined
}
