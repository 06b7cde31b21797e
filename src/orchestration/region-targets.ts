import type {Session} from '../auth/session.js'

import {allRegions} from '../auth/catalog.js'
import {EndpointNotFoundError, UsageError} from '../core/errors.js'

/**
 * The regions of the cloud: its `regions:` list, or every region of the catalog. Asked regions
 * are checked against it before anything is read or written.
 */
export async function cloudRegions(session: Session): Promise<string[]> {
  if (session.config.regions.length) return [...session.config.regions]
  const {catalog} = await session.tokenData()
  return allRegions(catalog)
}

/** Every asked region must be a region of the cloud: a usage error naming the others. */
export async function checkRegions(session: Session, asked: Array<string | undefined>, flag = '--region'): Promise<void> {
  const known = await cloudRegions(session)
  const unknown = [...new Set(asked.filter((r): r is string => r !== undefined && !known.includes(r)))]
  if (unknown.length) {
    throw new UsageError(`${flag} ${unknown.join(', ')}: not a region of cloud ${session.config.name}`, [
      `regions: ${known.join(', ')} (names are case-sensitive)`,
    ])
  }
}

/**
 * The regions that offer a service (none when no region does), narrowed to `asked` when given.
 * Asked regions are not checked here: checkRegions does that.
 */
export async function serviceRegions(session: Session, serviceType: string, asked?: string[]): Promise<string[]> {
  let offering: string[]
  try {
    offering = await session.regionsFor(serviceType)
  } catch (error) {
    if (error instanceof EndpointNotFoundError) return []
    throw error
  }
  return asked?.length ? offering.filter((r) => asked.includes(r)) : offering
}
