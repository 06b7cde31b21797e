import type {Session} from '../../../auth/session.js'
import type {ServiceClient} from '../../../http/service-client.js'

/**
 * The service clients a topology run needs, one per service and region, made once and shared by
 * every step (one token for the whole run; the Zun microversion negotiated once per region).
 */
export interface CloudClients {
  projectId: string
  network(region: string): Promise<ServiceClient>
  image(region: string): Promise<ServiceClient>
  container(region: string): Promise<ServiceClient>
  loadBalancer(region: string): Promise<ServiceClient>
  tricircle(region: string): Promise<ServiceClient>
}

export async function sessionClients(session: Session): Promise<CloudClients> {
  const token = await session.tokenData()
  const memo = new Map<string, Promise<unknown>>()
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) {
      const p = make()
      // A failed lookup is not kept: the next step asks again.
      p.catch(() => memo.delete(key))
      memo.set(key, p)
    }
    return memo.get(key) as Promise<T>
  }
  return {
    projectId: token.projectId ?? '',
    network: (r) => once(`network:${r}`, () => session.client('network', r)),
    image: (r) => once(`image:${r}`, () => session.client('image', r)),
    container: (r) =>
      once(`container:${r}`, async () => {
        const {zunClient} = await import('../../../clients/zun/client.js')
        return zunClient(session, r)
      }),
    loadBalancer: (r) => once(`load-balancer:${r}`, () => session.client('load-balancer', r)),
    tricircle: (r) => once(`tricircle:${r}`, () => session.client('tricircle', r)),
  }
}
