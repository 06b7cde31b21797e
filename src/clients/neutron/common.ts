import type {TagFilters} from '../../core/tags.js'
import type {ServiceClient} from '../../http/service-client.js'

/** A Neutron list query: wire names (`router:external`, `tags-any`…); undefined values are left out. */
export type NeutronQuery = Record<string, string | number | boolean | string[] | undefined>

/** The tag filters on the wire, comma-joined as openstacksdk sends them. */
export function tagQuery(f: TagFilters): NeutronQuery {
  const join = (v?: string[]) => (v && v.length > 0 ? v.join(',') : undefined)
  return {'tags': join(f.tags), 'tags-any': join(f.anyTags), 'not-tags': join(f.notTags), 'not-tags-any': join(f.notAnyTags)}
}

/** Drops the undefined entries (so a query prints cleanly in --debug and tests). */
export function compact(q: NeutronQuery): NeutronQuery {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined))
}

/**
 * Replaces every tag of a resource (`PUT /<collection>/<id>/tags`). Neutron refuses tags in a
 * POST body ("Attribute 'tags' not allowed in POST"), so creates tag in a second call, as OSC does.
 */
export async function replaceTags(c: ServiceClient, collection: string, id: string, tags: string[]): Promise<string[]> {
  const res = await c.put<{tags?: string[]}>(`/${collection}/${encodeURIComponent(id)}/tags`, {tags})
  return res?.tags ?? tags
}
