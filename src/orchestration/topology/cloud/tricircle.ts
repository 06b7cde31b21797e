import type {ServiceClient} from '../../../http/service-client.js'
import type {ObservedResource} from '../model.js'
import type {PodDoc} from '../schema.js'

import {createPod, listPods} from '../../../clients/tricircle/pods.js'
import {resourceKey} from '../model.js'

/** Every call the topology makes to Tricircle (pods are matched by region: they carry no mark). */

export async function observePods(c: ServiceClient): Promise<ObservedResource[]> {
  return (await listPods(c)).map((p) => ({
    key: resourceKey('pod', p.region_name, p.region_name),
    kind: 'pod' as const,
    region: p.region_name,
    name: p.region_name,
    id: p.pod_id,
    fingerprint: `${p.pod_id}/${p.az_name}/${p.pod_az_name}/${p.dc_name}`,
    refs: [],
    attrs: {az: p.az_name, pod_az: p.pod_az_name, dc: p.dc_name},
  }))
}

export async function makePod(c: ServiceClient, pod: PodDoc): Promise<{id: string}> {
  const made = await createPod(c, {
    region_name: pod.region,
    az_name: pod.availability_zone,
    pod_az_name: pod.pod_availability_zone,
    dc_name: pod.data_center,
  })
  return {id: made.pod_id}
}
