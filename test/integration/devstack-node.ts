import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'

/**
 * A DevStack node for a shell script, made on this machine without touching its files: the script
 * runs in a private mount namespace (`unshare --mount`, as root) where
 * - /opt/stack/zun and /opt/stack/kuryr are the unpatched fixture checkouts,
 * - /etc/zun/zun.conf and /etc/kuryr/kuryr.conf are the fixture config files,
 * - `mrctl` is in /usr/local/bin, where sudo's secure_path finds it,
 * - /usr/bin/systemctl records its calls (nothing is restarted),
 * - /root (sudo's HOME) is an empty folder.
 * /opt, /etc and /usr/local/bin are overlays whose upper layers (everything written there) live on
 * a tmpfs of the namespace, so no mount point is created on the host and every write disappears
 * with the namespace. Before it ends, the upper layers are copied to a temporary folder: what the
 * setup and the script wrote under those three folders, and only that, can be read afterwards.
 */
export interface DevstackNode {
  /** The command line that runs `script` with bash on the node. */
  argv(script: string): string[]
  /** The copy of a file that the setup or the script wrote under /etc, /opt or /usr/local/bin. */
  written(path: string): string
  /** Every file written under one of those folders, relative to it, sorted. */
  writtenFiles(dir: keyof typeof LAYERS): string[]
  /** The recorded systemctl calls: `uid=0 SUDO_USER=root systemctl restart devstack@zun*`. */
  systemctlCalls(): string[]
  remove(): void
}

const LAYERS = {'/etc': 'etc', '/opt': 'opt', '/usr/local/bin': 'local-bin'} as const

export function devstackNode(opts: {fixtures: string; mrctl: string}): DevstackNode {
  const dir = mkdtempSync(join(tmpdir(), 'mrctl-devstack-node-'))
  const layers = join(dir, 'layers')
  const after = join(dir, 'written')
  const log = join(dir, 'systemctl.log')
  const emptyRoot = join(dir, 'root')
  for (const d of [layers, after, emptyRoot]) mkdirSync(d)
  writeFileSync(log, '')
  writeFileSync(join(dir, 'systemctl'), `#!/bin/sh\n# Records the call; restarts nothing.\necho "uid=$(id -u) SUDO_USER=\${SUDO_USER-} systemctl $*" >> '${log}'\n`, {mode: 0o755})

  const overlays = Object.entries(LAYERS).map(([target, name]) => `overlay ${target} ${name}`)
  const copies = Object.values(LAYERS).map((name) => `cp -a '${layers}/${name}/upper' '${after}/${name}'`)
  const setup = `set -eu
fail() { echo "devstack node: $*" >&2; exit 97; }
mount -t tmpfs -o mode=0700 mrctl-devstack-node '${layers}' || fail 'cannot mount a tmpfs: run as root'
overlay() {
  mkdir -p "${layers}/$2/upper" "${layers}/$2/work"
  mount -t overlay mrctl-devstack-node -o "lowerdir=$1,upperdir=${layers}/$2/upper,workdir=${layers}/$2/work" "$1" || fail "cannot lay an overlay on $1"
}
${overlays.join('\n')}
mount --bind '${join(dir, 'systemctl')}' /usr/bin/systemctl
mount --bind '${emptyRoot}' /root
mkdir -p /opt/stack /etc/zun /etc/kuryr
cp -r '${opts.fixtures}/source/unpatched/zun' '${opts.fixtures}/source/unpatched/kuryr' /opt/stack/
cp '${opts.fixtures}/zun.conf' /etc/zun/zun.conf
cp '${opts.fixtures}/kuryr.conf' /etc/kuryr/kuryr.conf
install -m 0755 '${opts.mrctl}' /usr/local/bin/mrctl
rc=0
bash -c "$1" || rc=$?
${copies.join('\n')}
exit $rc
`
  writeFileSync(join(dir, 'setup.sh'), setup)

  const layerOf = (path: string): [string, string] => {
    for (const [target, name] of Object.entries(LAYERS)) if (path.startsWith(`${target}/`)) return [name, path.slice(target.length + 1)]
    throw new Error(`${path} is not under ${Object.keys(LAYERS).join(', ')}`)
  }
  const walk = (root: string): string[] =>
    existsSync(root) ? readdirSync(root, {recursive: true, withFileTypes: true}).filter((e) => !e.isDirectory()).map((e) => relative(root, join(e.parentPath, e.name))) : []

  return {
    argv: (script) => ['unshare', '--mount', '--propagation', 'private', 'bash', join(dir, 'setup.sh'), script],
    written(path) {
      const [name, rest] = layerOf(path)
      return join(after, name, rest)
    },
    writtenFiles: (target) => walk(join(after, LAYERS[target])).sort(),
    systemctlCalls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    // The mounts were private to the namespace and went with it: only the folder is left.
    remove: () => rmSync(dir, {recursive: true, force: true}),
  }
}
