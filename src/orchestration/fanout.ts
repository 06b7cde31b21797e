import pLimit from 'p-limit'

export type RegionResult<T> = {region: string; ok: true; value: T} | {region: string; ok: false; error: Error}

/** Runs `fn` for each region in parallel (bounded); one region's failure never stops the others. */
export async function fanout<T>(
  regions: string[],
  fn: (region: string) => Promise<T>,
  opts: {concurrency?: number} = {},
): Promise<RegionResult<T>[]> {
  const limit = pLimit(opts.concurrency ?? 8)
  return Promise.all(
    regions.map((region) =>
      limit(async (): Promise<RegionResult<T>> => {
        try {
          return {region, ok: true, value: await fn(region)}
        } catch (error) {
          return {region, ok: false, error: error as Error}
        }
      }),
    ),
  )
}

export interface FanoutSummary<T> {
  /** The successful regions' values, in region order. */
  values: Array<{region: string; value: T}>
  failures: Array<{region: string; error: Error}>
}

export function summarise<T>(results: RegionResult<T>[]): FanoutSummary<T> {
  const values: FanoutSummary<T>['values'] = []
  const failures: FanoutSummary<T>['failures'] = []
  for (const r of results) {
    if (r.ok) values.push({region: r.region, value: r.value})
    else failures.push({region: r.region, error: r.error})
  }
  return {values, failures}
}
