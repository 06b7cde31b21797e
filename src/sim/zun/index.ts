/**
 * An emulator of the Zun (container service) API v1, for regions where Zun cannot be installed:
 * mrctl and the real `openstack appcontainer` client both talk to it. Its references are
 * ../shared/docs/zun-api.md, zun/osc-http-trace.txt and the Zun-under-Tricircle seeds.
 *
 * - `createZunApp(opts)` gives a request handler; `startZunServer({...opts, host, port})` listens
 *   (port 0 picks one; a busy port rejects naming host:port) and returns `{server, url, endpoint,
 *   state, wsUrl, close}`, `endpoint` being `url + '/v1'` as in the catalog.
 * - It also serves the websocket proxy behind attach and interactive exec (zun-wsproxy,
 *   wsproxy.ts, where the protocol a client speaks is written down) on its own port: `wsHost`/
 *   `wsPort` (default the API's host and a free port), at `wsUrl`, where the URLs handed out point.
 * - Backends (../backends): the `NeutronBackend` where Kuryr ports are made (under Tricircle, the
 *   central Neutron) and the region's `GlanceBackend`; HTTP implementations for real services,
 *   in-memory ones for tests.
 * - Status transitions are lazy: each request brings containers up to the injected clock `now`
 *   (durations in `transitions`), so tests move the clock instead of sleeping.
 * - Not emulated: Cinder volumes (`mounts` with a volume source or size), restart
 *   policies acting on exits, and Docker itself (commands run in the emulated set of exec.ts).
 *
 * Layout (moto's backend/responses split, as the Tricircle emulator has it):
 * - `backend/`: the typed state (`ZunState`, records in model.ts) and its operations, what zun's
 *   compute API, scheduler, compute manager and database do: containers.ts, actions.ts,
 *   capsules.ts, images.ts, admin.ts, with the status timeline (status-machine.ts, lifecycle.ts),
 *   Neutron ports (networking.ts) and the emulated commands (exec.ts).
 * - `responses/`: the handlers, what zun-api's controllers do: parse and validate the request
 *   (schemas, policy, the container's status), call one backend operation, render it (views.ts).
 * - server.ts: keystonemiddleware, microversion negotiation, routing (api.ts), error bodies.
 * Nothing is kept at module level: several emulators can run in one process.
 */
export {createZunApp, startZunServer} from './server.js'
export type {RunningZunServer, ZunApp, ZunAppOptions, ZunServerOptions} from './server.js'
export {ZunState} from './backend/state.js'
export {DEFAULT_TRANSITIONS, Status, VALID_STATES} from './backend/status-machine.js'
export type {Transitions} from './backend/status-machine.js'
export {MAX_VERSION, MIN_VERSION} from './microversion.js'
export type {OutOfRangeMode} from './microversion.js'
export {SUPPORTED_COMMANDS} from './backend/exec.js'
export {ZunWsProxy} from './wsproxy.js'
export type {ZunWsProxyOptions} from './wsproxy.js'
