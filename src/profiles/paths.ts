import {homedir} from 'node:os'
import {join} from 'node:path'

/** mrctl's own config folder: `MRCTL_CONFIG_DIR`, else `$XDG_CONFIG_HOME/mrctl`, else `~/.config/mrctl`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MRCTL_CONFIG_DIR) return env.MRCTL_CONFIG_DIR
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'mrctl')
}

/** Token cache folder: `MRCTL_CACHE_DIR`, else `<config dir>/cache` when MRCTL_CONFIG_DIR is set, else `~/.cache/mrctl`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MRCTL_CACHE_DIR) return env.MRCTL_CACHE_DIR
  if (env.MRCTL_CONFIG_DIR) return join(env.MRCTL_CONFIG_DIR, 'cache')
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mrctl')
}

export function profilesFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'profiles.yaml')
}

/** mrctl's own secure.yaml: only written when the user opts into file storage of secrets. */
export function secretsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'secure.yaml')
}

/** The folders openstacksdk searches for clouds.yaml and secure.yaml, in order. */
export function openstackConfigDirs(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string[] {
  const home = homedir()
  const xdgConfig = env.XDG_CONFIG_HOME || join(home, '.config')
  const xdgSite = (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':')[0]
  const dirs = [cwd, join(xdgConfig, 'openstack'), join(home, '.config', 'openstack'), join(xdgSite, 'openstack'), '/etc/openstack']
  return [...new Set(dirs)]
}

export function candidateFiles(base: 'clouds' | 'secure', env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string[] {
  const front = base === 'clouds' ? env.OS_CLIENT_CONFIG_FILE : env.OS_CLIENT_SECURE_FILE
  const files: string[] = front ? [front] : []
  for (const dir of openstackConfigDirs(env, cwd)) for (const ext of ['yaml', 'yml', 'json']) files.push(join(dir, `${base}.${ext}`))
  return files
}
