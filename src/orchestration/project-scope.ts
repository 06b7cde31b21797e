import type {Session} from '../auth/session.js'

import {MrctlError} from '../core/errors.js'

export interface ProjectRef {
  id: string
  name: string | null
}

/** `--project P` (name or ID, looked up in Keystone), else the token's own project. */
export async function projectScope(session: Session, project?: string): Promise<ProjectRef> {
  if (project) {
    const {findProject} = await import('../clients/identity/projects.js')
    const p = await findProject(session.identityClient(), project)
    return {id: p.id, name: p.name}
  }
  const token = await session.tokenData()
  if (!token.projectId) throw new MrctlError('the token is not scoped to a project; name one with --project')
  return {id: token.projectId, name: token.projectName ?? null}
}
