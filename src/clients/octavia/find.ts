import {findMessages, isUuidLike} from '../../core/find.js'

/**
 * python-octaviaclient's lookup, as a `find` spec's rule: only a UUID is tried as an ID (one GET),
 * anything else is a name (`?name=`); its own texts ("Unable to locate <x> in <collection>", "<n>
 * <collection> found with name or ID of <x>. Please try again with UUID").
 */
export const OCTAVIA_LOOKUP = {mayBeId: isUuidLike, messages: findMessages.octavia} as const
