/**
 * Which regions the sim has and which services each one runs. With a CentralRegion (Tricircle's
 * top region) it is the guide's layout: CentralRegion runs Keystone's catalog home, the central
 * Neutron and Tricircle; every other region runs Neutron, Glance, Octavia and Zun. Without one,
 * every region runs those four and there is no Tricircle.
 */

export type ServiceType = 'identity' | 'network' | 'image' | 'load-balancer' | 'container' | 'tricircle'

export const CENTRAL = 'CentralRegion'
export const BOTTOM_SERVICES: ServiceType[] = ['network', 'image', 'load-balancer', 'container']
export const CENTRAL_SERVICES: ServiceType[] = ['network', 'tricircle']
export const DEFAULT_REGIONS = [CENTRAL, 'RegionOne', 'RegionTwo']

/** The catalog's service names. */
export const SERVICE_NAMES: Record<ServiceType, string> = {
  identity: 'keystone',
  network: 'neutron',
  image: 'glance',
  'load-balancer': 'octavia',
  container: 'zun',
  tricircle: 'tricircle',
}

const ONES = ['', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'Eleven', 'Twelve', 'Thirteen', 'Fourteen', 'Fifteen', 'Sixteen', 'Seventeen', 'Eighteen', 'Nineteen']
const TENS = ['', '', 'Twenty', 'Thirty', 'Forty', 'Fifty', 'Sixty', 'Seventy', 'Eighty', 'Ninety']

/** 1 → One, 25 → TwentyFive, 101 → OneHundredOne (region names in the guide's style). */
export function numberWord(n: number): string {
  if (n < 20) return ONES[n]
  if (n < 100) return TENS[Math.floor(n / 10)] + ONES[n % 10]
  return `${ONES[Math.floor(n / 100)]}Hundred${n % 100 ? numberWord(n % 100) : ''}`
}

/** CentralRegion plus `count` bottom regions: RegionOne, RegionTwo, … */
export function regionsForCount(count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 999) throw new Error(`--region-count ${count}: expected a whole number from 1 to 999`)
  return [CENTRAL, ...Array.from({length: count}, (_, i) => `Region${numberWord(i + 1)}`)]
}

export function validateRegions(regions: string[]): string[] {
  if (regions.length === 0) throw new Error('no regions given')
  const bad = regions.find((r) => !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(r))
  if (bad !== undefined) throw new Error(`region name ${JSON.stringify(bad)} is not valid (letters, digits, ".", "_", "-"; at most 64)`)
  const dup = regions.find((r, i) => regions.indexOf(r) !== i)
  if (dup) throw new Error(`region ${dup} is given twice`)
  return regions
}

/** The services of each region; `override` replaces a region's list (a test shaping the sim like a real cloud). */
export function servicesByRegion(regions: string[], override: Record<string, ServiceType[]> = {}): Record<string, ServiceType[]> {
  const hasCentral = regions.includes(CENTRAL)
  const out: Record<string, ServiceType[]> = {}
  for (const r of regions) out[r] = override[r] ?? (hasCentral && r === CENTRAL ? CENTRAL_SERVICES : BOTTOM_SERVICES)
  return out
}
