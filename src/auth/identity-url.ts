/** `http://h:5000`, `http://h:5000/` or `http://h:5000/v3` → `http://h:5000/v3`, as keystoneauth does. */
export function identityBase(authUrl: string): string {
  const trimmed = authUrl.replace(/\/+$/, '')
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed}/v3`
}
