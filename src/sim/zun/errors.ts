import {randomUUID} from 'node:crypto'

/**
 * Zun's error bodies (zun-api.md §7). A Zun exception becomes
 * `{"errors":[{"request_id":"","code":"container.<kebab-case exception>","status":N,"title":msg,"detail":msg,"links":[]}]}`;
 * webob/pecan errors (404 route, 405, 406) use the code `container.` with the reason phrase as the
 * title and the description as the detail.
 */
export class ZunError extends Error {
  constructor(
    readonly status: number,
    /** `container.<name>` or `container.` for webob errors. */
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    /** Headers the answer carries besides the usual ones (`Allow` on a 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail)
    this.name = 'ZunError'
  }

  body(): {errors: Array<Record<string, unknown>>} {
    return {
      errors: [{request_id: '', code: this.code, status: this.status, title: this.title, detail: this.detail, links: []}],
    }
  }
}

/** A Zun exception: `code` is `container.<name>`, title and detail are the message. */
export function zunError(status: number, name: string, message: string): ZunError {
  return new ZunError(status, `container.${name}`, message, message)
}

/** A webob/pecan HTTP error. */
export function webobError(status: number, title: string, detail: string): ZunError {
  return new ZunError(status, 'container.', title, detail)
}

/**
 * An exception no handler caught (for example zun's `enforce_content_types`, which crashes on
 * Python 3 while formatting its 415): the WSGI server answers 500 with an empty `text/plain`
 * body, without the request id or version headers the middlewares would have added.
 */
export class ZunCrash extends Error {
  constructor(why: string) {
    super(why)
    this.name = 'ZunCrash'
  }
}

/** What zun-api's exception wrapper makes of an unexpected error inside a controller (a KeyError…). */
export function serverError(): ZunError {
  return webobError(
    500,
    'Internal Server Error',
    `Your request could not be handled because of a problem in the server. Error Correlation id is: ${randomUUID()}`,
  )
}

export const errors = {
  containerNotFound: (ident: string) => zunError(404, 'container-not-found', `Container ${ident} could not be found.`),
  invalidState: (action: string, uuid: string, status: string) =>
    zunError(409, 'invalid-state-exception', `Cannot ${action} container ${uuid} in ${status} state`),
  policy: (rule: string) => zunError(403, 'policy-not-authorized', `Policy doesn't allow ${rule} to be performed.`),
  invalidValue: (message: string) => zunError(400, 'invalid-value', message),
  invalid: (message: string) => zunError(400, 'invalid', message),
  unknownParameters: (keys: string[]) => zunError(400, 'invalid-value', `Unknown parameters: ${keys.join(', ')}`),
  invalidParamInVersion: (param: string, requested: string, min: string) =>
    zunError(
      400,
      'invalid-param-in-version',
      `Invalid param ${param} because current request version is ${requested}. ${param} is only supported from version ${min}`,
    ),
  schema: (message: string) => zunError(400, 'schema-validation-error', message),
  conflict: (message: string) => zunError(409, 'conflict', message),
  networkNotFound: (id: string) => zunError(404, 'network-not-found', `Neutron network ${id} could not be found.`),
  portNotFound: (id: string) => zunError(404, 'port-not-found', `Neutron port ${id} could not be found.`),
  portInUse: (id: string) => zunError(400, 'port-in-use', `Port ${id} is still in use.`),
  portNotUsable: (id: string) => zunError(400, 'port-not-usable', `Port ${id} not usable for the container.`),
  securityGroupNotFound: (name: string) => zunError(400, 'invalid-value', `Security group ${name} not found.`),
  externalNetworkForbidden: (id: string) =>
    zunError(403, 'external-network-attach-forbidden', `It is not allowed to create an interface on external network ${id}`),
  noInteractiveFlag: () =>
    zunError(400, 'no-interactive-flag', "Container doesn't support to be attached, please check the interactive set properly"),
  overQuota: (resources: string[]) =>
    zunError(403, 'over-quota', `Quota exceeded for resources: [${resources.map((r) => `'${r}'`).join(', ')}]`),
  resourceNotFound: (message: string) => zunError(404, 'resource-not-found', message),
  zunServiceNotFound: (binary: string, host: string) =>
    zunError(404, 'zun-service-not-found', `Zun service ${binary} on host ${host} could not be found.`),
  /** `ImageNotFound` derives from `Invalid` in Zed: 400, not 404. */
  imageNotFound: (ident: string) => zunError(400, 'image-not-found', `Image ${ident} could not be found.`),
  computeNodeNotFound: (ident: string) => zunError(404, 'compute-node-not-found', `Compute node ${ident} could not be found.`),
  requestedHostNotFound: (host: string) => zunError(404, 'requested-host-not-found', `Requested host ${host} could not be found.`),
  invalidParameterValue: (message: string) => zunError(400, 'invalid-parameter-value', message),
  validation: (message: string) => zunError(400, 'validation-error', message),
  registryNotFound: (ident: string) => zunError(404, 'registry-not-found', `Registry ${ident} could not be found.`),
  capsuleNotFound: (ident: string) => zunError(404, 'capsule-not-found', `Capsule ${ident} could not be found.`),
  notAcceptable: (detail: string) => webobError(406, 'Not Acceptable', detail),
  apiNotInVersion: (version: string) =>
    webobError(406, 'Not Acceptable', `Version ${version} was requested but the requested API is not supported for this version.`),
  routeNotFound: () => webobError(404, 'Not Found', 'The resource could not be found.'),
  methodNotAllowed: (method: string, allow?: string) =>
    new ZunError(405, 'container.', 'Method Not Allowed', `The method ${method} is not allowed for this resource.`, allow ? {Allow: allow} : {}),
  malformedBody: () => webobError(400, 'Bad Request', 'Malformed request body: the body is not valid JSON.'),
}
