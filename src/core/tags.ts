/** The tag filters of a list (osc-lib's `--tags`, `--any-tags`, `--not-tags`, `--not-any-tags`). */
export interface TagFilters {
  /** All of these tags. */
  tags?: string[]
  /** Any of these tags. */
  anyTags?: string[]
  /** Not all of these tags. */
  notTags?: string[]
  /** None of these tags. */
  notAnyTags?: string[]
}

/**
 * The tags a `create` or `set` should leave (osc-lib `update_tags_for_set`, which Neutron and
 * Octavia commands both follow): the current ones (none with `--no-tag`) plus the new ones,
 * sorted; undefined when that changes nothing.
 */
export function tagsAfterSet(current: string[] | undefined, add: string[] | undefined, clear: boolean | undefined): string[] | undefined {
  const now = current ?? []
  const next = new Set(clear ? [] : now)
  for (const t of add ?? []) next.add(t)
  const same = next.size === now.length && now.every((t) => next.has(t))
  return same ? undefined : [...next].sort()
}
