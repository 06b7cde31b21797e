import type {ServiceClient} from '../../http/service-client.js'
import type {QuotaSet, QuotaUpdateOpts} from './quotas.js'

import {pathSegment} from '../../http/service-client.js'
import {adminOnly, ZUN_JSON_HEADERS, zunGet} from './common.js'
import {quotaUpdateBody} from './quotas.js'

// --- paths ---
/** The default class is named `default`. */
const item = (name: string) => `/quota_classes/${pathSegment('quota class name', name)}`

// --- verbs ---
export async function getQuotaClass(c: ServiceClient, name: string): Promise<QuotaSet> {
  const path = item(name)
  return adminOnly(zunGet<QuotaSet>(c, path))
}

/** `PUT /v1/quota_classes/{name}` with the same body as a project's quota update (admin only). */
export async function updateQuotaClass(c: ServiceClient, name: string, o: QuotaUpdateOpts): Promise<QuotaSet> {
  const path = item(name)
  const json = quotaUpdateBody(o)
  return (await adminOnly(c.request('PUT', path, {json, headers: {...ZUN_JSON_HEADERS}}))).data as QuotaSet
}
