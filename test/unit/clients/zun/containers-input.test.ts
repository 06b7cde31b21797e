import {describe, expect, it} from 'vitest'

import {
  exposedPorts,
  formatArgs,
  parseHealthcheck,
  parseMounts,
  parseNets,
  parseRepository,
  quoteCommand,
  restartPolicy,
  shlexSplit,
  splitContainerPath,
  splitRemainder,
} from '../../../../src/clients/zun/input.js'
import {UsageError} from '../../../../src/core/errors.js'

/** python-zunclient's input parsing (zunclient/tests/unit/common/test_utils.py), and argparse REMAINDER. */

const FLAGS = {
  name: {type: 'option'},
  net: {type: 'option'},
  format: {type: 'option', char: 'f'},
  column: {type: 'option', char: 'c'},
  wait: {type: 'boolean'},
  interactive: {type: 'boolean'},
}

describe('argv: argparse REMAINDER after <image> / <container>', () => {
  it('everything after the first positional is the command, options included', () => {
    expect(splitRemainder(['--name', 'c1', '--wait', 'cirros', 'sh', '-c', 'echo hi', '--wait'], FLAGS, 1)).toEqual({
      head: ['--name', 'c1', '--wait', 'cirros'],
      rest: ['sh', '-c', 'echo hi', '--wait'],
    })
  })

  it('--flag=value, short flags with and without a glued value, unknown flags as booleans', () => {
    expect(splitRemainder(['--name=c1', '-f', 'json', '-cname', '--bogus', 'cirros', 'ls'], FLAGS, 1)).toEqual({
      head: ['--name=c1', '-f', 'json', '-cname', '--bogus', 'cirros'],
      rest: ['ls'],
    })
  })

  it('no command, and "--" ending the options', () => {
    expect(splitRemainder(['--wait', 'cirros'], FLAGS, 1)).toEqual({head: ['--wait', 'cirros'], rest: []})
    expect(splitRemainder(['--wait', '--', '-odd-image', 'ls', '-l'], FLAGS, 1)).toEqual({head: ['--wait', '-odd-image'], rest: ['ls', '-l']})
  })
})

describe('KEY=VALUE lists, --net, --mount', () => {
  it('format_args: one occurrence split on , and ; — a repeated key becomes a list', () => {
    expect(formatArgs(undefined, '--label')).toEqual({})
    expect(formatArgs(['A=1,B=2;C=x=y'], '--environment')).toEqual({A: '1', B: '2', C: 'x=y'})
    expect(formatArgs(['A=1', 'A=2', 'B=3'], '--environment')).toEqual({A: ['1', '2'], B: '3'})
    expect(() => formatArgs(['novalue'], '--label')).toThrow('--label: arguments must be a list of KEY=VALUE not novalue')
  })

  it('parse_nets: stripped keys and values, one of network or port, valid IPs', () => {
    expect(parseNets([' network = private , v4-fixed-ip=10.0.0.5'])).toEqual([{network: 'private', 'v4-fixed-ip': '10.0.0.5'}])
    expect(parseNets(['port=p1,v6-fixed-ip=2001:db8::5'])).toEqual([{port: 'p1', 'v6-fixed-ip': '2001:db8::5'}])
    for (const bad of ['v4-fixed-ip=10.0.0.5', 'network=a,port=b', 'network=a,network=b', 'subnet=x', 'network']) {
      expect(() => parseNets([bad]), bad).toThrow(UsageError)
    }
    expect(() => parseNets(['network=a,v4-fixed-ip=10.0.0.999'])).toThrow('Invalid ipv4 address')
    expect(() => parseNets(['network=a,v6-fixed-ip=10.0.0.1'])).toThrow('Invalid ipv6 address')
  })

  it('parse_mounts: volume, new volume, bind (the file read and sent base64, source last)', async () => {
    const read = async (p: string) => {
      if (p === '/etc/app.conf') return Buffer.from('x=1\n')
      throw new Error('ENOENT')
    }
    expect(await parseMounts(['source=myvol,destination=/data', 'size=5,destination=/scratch'], read)).toEqual([
      {source: 'myvol', destination: '/data'},
      {size: '5', destination: '/scratch'},
    ])
    const bind = await parseMounts(['type=bind,source=/etc/app.conf,destination=/etc/app.conf'], read)
    expect(JSON.stringify(bind)).toBe(JSON.stringify([{type: 'bind', destination: '/etc/app.conf', source: Buffer.from('x=1\n').toString('base64')}]))
    await expect(parseMounts(['source=v'], read)).rejects.toThrow(/Invalid mounts argument/)
    await expect(parseMounts(['destination=/d'], read)).rejects.toThrow(/Invalid mounts argument/)
    await expect(parseMounts(['type=tmpfs,source=v,destination=/d'], read)).rejects.toThrow("Invalid mounts argument 'type=tmpfs'")
    await expect(parseMounts(['type=bind,source=/nope,destination=/d'], read)).rejects.toThrow('--mount type=bind: cannot read /nope')
  })
})

describe('--restart, --expose-port, --healthcheck, --entrypoint, the command string, commit', () => {
  it('check_restart_policy: the count is a string, "0" by default', () => {
    expect(restartPolicy('on-failure:3')).toEqual({Name: 'on-failure', MaximumRetryCount: '3'})
    expect(restartPolicy('always')).toEqual({Name: 'always', MaximumRetryCount: '0'})
    expect(() => restartPolicy('a:1:2')).toThrow(UsageError)
  })

  it('parse_exposed_ports', () => {
    expect(exposedPorts(['80', '53/udp'])).toEqual({'80': {}, '53/udp': {}})
  })

  it('parse_health: times in seconds, retries an int', () => {
    expect(parseHealthcheck('cmd=curl localhost,interval=10s,retries=3,timeout=1m')).toEqual({cmd: 'curl localhost', interval: 10, retries: 3, timeout: 60})
    expect(parseHealthcheck('interval=2h,timeout=5')).toEqual({interval: 7200, timeout: 5})
    for (const bad of ['interval=10x', 'retries=many', 'cmd=a,cmd=b', 'unknown=1', 'cmd']) expect(() => parseHealthcheck(bad), bad).toThrow(/Invalid healthcheck argument/)
  })

  it('shlex.split for --entrypoint', () => {
    expect(shlexSplit('/bin/sh -c')).toEqual(['/bin/sh', '-c'])
    expect(shlexSplit(`python -c 'print("a b")' "x \\"y\\"" z\\ w`)).toEqual(['python', '-c', 'print("a b")', 'x "y"', 'z w'])
    expect(() => shlexSplit('"open')).toThrow('No closing quotation')
  })

  it('parse_command: each word in double quotes (and " and \\ escaped, which zunclient did not)', () => {
    expect(quoteCommand([])).toBe('')
    expect(quoteCommand(['ls', '-al'])).toBe('"ls" "-al"')
    expect(quoteCommand(['sh', '-c', 'echo hello'])).toBe('"sh" "-c" "echo hello"')
    expect(quoteCommand(['echo', 'say "hi"', 'a\\b'])).toBe('"echo" "say \\"hi\\"" "a\\\\b"')
    expect(shlexSplit(quoteCommand(['echo', 'say "hi"', 'a\\b', "it's"]))).toEqual(['echo', 'say "hi"', 'a\\b', "it's"])
  })

  it('<repository>[:<tag>]: only a colon after the last / starts the tag', () => {
    expect(parseRepository('myrepo')).toEqual({repository: 'myrepo'})
    expect(parseRepository('myrepo:v1')).toEqual({repository: 'myrepo', tag: 'v1'})
    expect(parseRepository('registry:5000/team/repo:v2')).toEqual({repository: 'registry:5000/team/repo', tag: 'v2'})
    expect(parseRepository('registry:5000/team/repo')).toEqual({repository: 'registry:5000/team/repo'})
    expect(() => parseRepository('repo:')).toThrow(UsageError)
  })

  it('cp: container:path', () => {
    expect(splitContainerPath('web:/etc/f.txt')).toEqual({container: 'web', path: '/etc/f.txt'})
    expect(splitContainerPath('./local')).toBeUndefined()
  })
})
