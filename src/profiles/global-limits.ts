import {join} from 'node:path'

import {ConfigError} from '../core/errors.js'
import {readYamlFile, toYaml, writePrivateFile} from './files.js'
import {withFileLock} from './lock.js'
import {configDir} from './paths.js'

/** Global limits of one project: resource name (`networks`…) → limit (-1: unlimited). */
export type GlobalLimits = Record<string, number>

export interface ProjectLimits {
  /** The project's name when the limits were set (for people; the ID is the key). */
  name?: string | null
  limits: GlobalLimits
}

/** `clouds: {<profile or cloud>: {projects: {<project id>: {name, limits}}}}`. */
interface LimitsDocument {
  clouds: Record<string, {projects?: Record<string, ProjectLimits>}>
}

export function globalLimitsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'global-limits.yaml')
}

/**
 * The global limits `quota global set` stores, per profile (or cloud) and project, kept as the
 * profiles are: a 0600 file in mrctl's config folder, replaced atomically, changed under a lock so
 * that two mrctl processes never lose each other's change.
 */
export class GlobalLimitStore {
  constructor(readonly path: string = globalLimitsFile()) {}

  async get(cloud: string, projectId: string): Promise<ProjectLimits | undefined> {
    return (await this.load()).clouds[cloud]?.projects?.[projectId]
  }

  /**
   * Sets and removes limits of one project in one step (read, change, write under the lock);
   * returns what is stored afterwards. A project left with no limit is removed from the file.
   */
  async update(
    cloud: string,
    project: {id: string; name: string | null},
    change: {set?: GlobalLimits; unset?: string[]},
  ): Promise<ProjectLimits> {
    return withFileLock(`${this.path}.lock`, async () => {
      const doc = await this.load()
      const projects = (doc.clouds[cloud] ??= {}).projects ??= {}
      const limits: GlobalLimits = {...projects[project.id]?.limits}
      for (const k of change.unset ?? []) delete limits[k]
      Object.assign(limits, change.set)
      if (Object.keys(limits).length === 0) delete projects[project.id]
      else projects[project.id] = {name: project.name, limits}
      if (Object.keys(projects).length === 0) delete doc.clouds[cloud]
      await writePrivateFile(this.path, await toYaml(doc))
      return {name: project.name, limits}
    })
  }

  private async load(): Promise<LimitsDocument> {
    const doc = ((await readYamlFile(this.path)) ?? {}) as Partial<LimitsDocument>
    const clouds = doc.clouds ?? {}
    for (const [cloud, entry] of Object.entries(clouds)) {
      for (const [id, p] of Object.entries(entry?.projects ?? {})) {
        const ok = p && typeof p === 'object' && p.limits && typeof p.limits === 'object' && Object.values(p.limits).every((v) => Number.isInteger(v) && v >= -1)
        if (!ok) throw new ConfigError(`${this.path}: the limits of project ${id} in ${cloud} are not whole numbers (-1 or more)`, [`fix or remove ${this.path}`])
      }
    }
    return {clouds}
  }
}
