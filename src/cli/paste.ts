/**
 * Commands printed for the user to paste (`remove it with: mrctl …`) carry the cloud and region
 * options the user gave, so that they act on the same cloud and region when pasted:
 * `mrctl --os-cloud prod --os-region-name RegionOne appcontainer delete --force c1`.
 */

export interface PasteContext {
  bin: string
  /** The cloud options the user gave by flag, in a stable order (never a secret). */
  options: Array<[name: string, value: string | true]>
  /** The flags of a command, by oclif ID: an option the command does not take is left out. */
  flagsOf: (id: string) => Record<string, unknown> | undefined
}

/** Options that say which cloud and region; secrets are never repeated on a command line. */
export const SECRET_OPTIONS = new Set(['os-password', 'os-token', 'os-application-credential-secret'])

/** POSIX shell quoting, only where needed. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word
  return `'${word.replaceAll("'", `'\\''`)}'`
}

/**
 * `mrctl <options> <words>`: `words` is a command line without `mrctl` (`appcontainer delete c1`);
 * `region`, when given, is where the resource is, and replaces the user's `--os-region-name`.
 */
export function pasteCommand(ctx: PasteContext, words: string, region?: string): string {
  const flags = ctx.flagsOf(commandId(ctx, words)) ?? {}
  const parts: string[] = [ctx.bin]
  const hasRegion = /(^|\s)--os-region-name[\s=]/.test(words)
  const options = ctx.options.filter(([name]) => name !== 'os-region-name' || (region === undefined && !hasRegion))
  if (region && !hasRegion) options.push(['os-region-name', region])
  for (const [name, value] of options) {
    if (!(name in flags)) continue
    parts.push(value === true ? `--${name}` : `--${name} ${shellQuote(value)}`)
  }
  parts.push(words)
  return parts.join(' ')
}

/**
 * Every `mrctl <command> …` in a hint (`remove it with: mrctl appcontainer delete 3f1c…`), with the
 * user's options put in. A command ends at `;`, `,`, `(`, `)`, `&&` or the end of the hint; one
 * that names its region keeps it.
 */
export function withUserOptions(ctx: PasteContext, text: string): string {
  const re = new RegExp(`(^|[\\s:(])${escapeRegExp(ctx.bin)} ([a-z][^;,()]*?)(?=\\s*(?:;|,|\\(|\\)|&&|$))`, 'g')
  return text.replace(re, (_whole, before: string, words: string) => before + pasteCommand(ctx, words))
}

/** The longest run of leading words that is a command (`appcontainer delete --force c1` → `appcontainer:delete`). */
function commandId(ctx: PasteContext, words: string): string {
  const w = words.split(/\s+/)
  for (let n = w.length; n > 0; n--) {
    const id = w.slice(0, n).join(':')
    if (ctx.flagsOf(id)) return id
  }
  return ''
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
