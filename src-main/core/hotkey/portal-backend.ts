// Wayland: global shortcuts through xdg-desktop-portal's GlobalShortcuts interface over the session bus.
// `Activated` / `Deactivated` are press and release, so hold-to-talk works. The desktop shows its own
// dialog to confirm the bindings; our accelerators are only suggested (preferred_trigger).
import { createRequire } from 'node:module';
import type * as DBusModule from 'dbus-next';
import type { MessageBus, Message as DBusMessage } from 'dbus-next';
import { toPortalTrigger } from './accelerator';
import { BackendUnavailableError, type HotkeyBackend, type Shortcut } from './backend';
import type { ShortcutEvent } from './chord-matcher';
import { createEventClock } from './event-clock';

// dbus-next is CommonJS; loading it lazily keeps it off the path of shells that never use the portal.
// Not named `require`: the ESM main bundle declares its own top-level `require` (electron-vite shim).
const nodeRequire = createRequire(import.meta.url);
type DBus = typeof DBusModule;

const PORTAL = 'org.freedesktop.portal.Desktop';
const PORTAL_PATH = '/org/freedesktop/portal/desktop';
const IFACE = 'org.freedesktop.portal.GlobalShortcuts';
const REQUEST_IFACE = 'org.freedesktop.portal.Request';

export interface PortalBackendOptions {
  /** Session bus address; defaults to DBUS_SESSION_BUS_ADDRESS. */
  busAddress?: string;
  /** Registered with the host-app registry (xdg-desktop-portal ≥ 1.19) so the desktop can name us. */
  appId?: string;
  /** How long the user may take in the desktop's binding dialog. */
  bindTimeoutMs?: number;
}

let tokenCounter = 0;
const newToken = () => `va_${process.pid}_${++tokenCounter}`;

export async function createPortalBackend(options: PortalBackendOptions = {}): Promise<HotkeyBackend> {
  const dbus = nodeRequire('dbus-next') as DBus;
  const busAddress = options.busAddress ?? process.env.DBUS_SESSION_BUS_ADDRESS;
  if (!busAddress)
    throw new BackendUnavailableError('portal', 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)');
  let bus: MessageBus;
  try {
    bus = dbus.sessionBus({ busAddress });
  } catch (error) {
    throw new BackendUnavailableError(
      'portal',
      `cannot connect to the session bus: ${(error as Error).message}`,
    );
  }
  let busError: Error | undefined;
  bus.on('error', (error: Error) => (busError = error));

  const call = async (msg: {
    destination: string;
    path: string;
    interface: string;
    member: string;
    signature?: string;
    body?: unknown[];
  }): Promise<DBusMessage> => {
    const reply = await bus.call(new dbus.Message({ type: dbus.MessageType.METHOD_CALL, ...msg }));
    if (!reply) throw new Error(`${msg.member}: no reply`);
    return reply;
  };

  try {
    const version = await call({
      destination: PORTAL,
      path: PORTAL_PATH,
      interface: 'org.freedesktop.DBus.Properties',
      member: 'Get',
      signature: 'ss',
      body: [IFACE, 'version'],
    });
    void version;
  } catch (error) {
    bus.disconnect();
    const reason = busError?.message ?? (error as Error).message;
    throw new BackendUnavailableError('portal', `the desktop has no GlobalShortcuts portal (${reason})`);
  }

  // Replies to portal requests come as a Response signal on a Request object whose path we can predict
  // from our unique name and a token, so we listen before calling (no race with a fast reply).
  const sender = String((bus as unknown as { name: string }).name)
    .replace(/^:/, '')
    .replace(/\./g, '_');
  const waiters = new Map<string, (code: number, results: Record<string, { value: unknown }>) => void>();
  let session: string | undefined;
  let listener: (event: ShortcutEvent) => void = () => {};
  const toLocalTime = createEventClock();

  const onMessage = (msg: DBusMessage) => {
    if (msg.type !== dbus.MessageType.SIGNAL) return;
    if (msg.interface === REQUEST_IFACE && msg.member === 'Response') {
      const waiter = waiters.get(msg.path);
      if (waiter) {
        waiters.delete(msg.path);
        waiter(Number(msg.body[0]), msg.body[1] as Record<string, { value: unknown }>);
      }
    } else if (msg.interface === IFACE && (msg.member === 'Activated' || msg.member === 'Deactivated')) {
      const [handle, id, timestamp] = msg.body as [string, string, bigint | number];
      if (handle !== session) return;
      listener({
        id,
        type: msg.member === 'Activated' ? 'press' : 'release',
        at: toLocalTime(Number(timestamp)),
      });
    }
  };
  bus.on('message', onMessage);
  const addMatch = (rule: string) =>
    call({
      destination: 'org.freedesktop.DBus',
      path: '/org/freedesktop/DBus',
      interface: 'org.freedesktop.DBus',
      member: 'AddMatch',
      signature: 's',
      body: [rule],
    });
  await addMatch(`type='signal',sender='${PORTAL}',interface='${REQUEST_IFACE}',member='Response'`);
  await addMatch(`type='signal',sender='${PORTAL}',interface='${IFACE}'`);

  if (options.appId) {
    await call({
      destination: PORTAL,
      path: PORTAL_PATH,
      interface: 'org.freedesktop.host.portal.Registry',
      member: 'Register',
      signature: 'sa{sv}',
      body: [options.appId, {}],
    }).catch(() => {}); // older portals have no registry; they identify host apps without it
  }

  const request = async (
    member: string,
    signature: string,
    body: (token: string) => unknown[],
    timeoutMs: number,
  ): Promise<Record<string, { value: unknown }>> => {
    const token = newToken();
    const expected = `${PORTAL_PATH}/request/${sender}/${token}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const response = new Promise<{ code: number; results: Record<string, { value: unknown }> }>(
      (resolve, reject) => {
        waiters.set(expected, (code, results) => resolve({ code, results }));
        timer = setTimeout(() => reject(new Error(`${member}: the portal did not answer`)), timeoutMs);
      },
    );
    // The timer may fire while the method call below is still pending, before anything awaits `response`:
    // without a handler attached now, that rejection is unhandled (and ends a Node process). The real
    // handling is the `await response` below, which still sees the rejection.
    response.catch(() => {});
    try {
      const reply = await call({
        destination: PORTAL,
        path: PORTAL_PATH,
        interface: IFACE,
        member,
        signature,
        body: body(token),
      });
      const handle = String(reply.body[0]);
      // Portals older than the handle_token convention answer on a path of their choosing.
      if (handle !== expected && waiters.has(expected)) {
        waiters.set(handle, waiters.get(expected)!);
        waiters.delete(expected);
      }
      const { code, results } = await response;
      if (code === 1) throw new Error('the desktop dialog was cancelled');
      if (code !== 0) throw new Error(`${member} failed (response ${code})`);
      return results;
    } finally {
      clearTimeout(timer);
      waiters.delete(expected);
    }
  };

  const createSession = async () => {
    const results = await request(
      'CreateSession',
      'a{sv}',
      (token) => [
        {
          handle_token: new dbus.Variant('s', token),
          session_handle_token: new dbus.Variant('s', newToken()),
        },
      ],
      10_000,
    );
    return String(results.session_handle?.value);
  };
  const closeSession = async () => {
    if (!session) return;
    const path = session;
    session = undefined;
    await call({
      destination: PORTAL,
      path,
      interface: 'org.freedesktop.portal.Session',
      member: 'Close',
    }).catch(() => {});
  };

  try {
    session = await createSession();
  } catch (error) {
    bus.disconnect();
    throw new BackendUnavailableError(
      'portal',
      `the GlobalShortcuts portal refused a session: ${(error as Error).message}`,
    );
  }

  let bound = false;
  return {
    kind: 'portal',
    reportsRelease: true,
    async register(shortcuts: readonly Shortcut[], next) {
      listener = next;
      // A session binds its shortcuts once; a changed set needs a fresh session.
      if (bound) {
        await closeSession();
        session = await createSession();
      }
      bound = true;
      const spec = shortcuts.map(({ id, binding, description }) => {
        const props: Record<string, unknown> = { description: new dbus.Variant('s', description) };
        const trigger = toPortalTrigger(binding);
        if (trigger) props.preferred_trigger = new dbus.Variant('s', trigger);
        return [id, props];
      });
      let results: Record<string, { value: unknown }>;
      try {
        results = await request(
          'BindShortcuts',
          'oa(sa{sv})sa{sv}',
          (token) => [session, spec, '', { handle_token: new dbus.Variant('s', token) }],
          options.bindTimeoutMs ?? 120_000,
        );
      } catch (error) {
        return { failed: shortcuts.map(({ id }) => ({ id, message: (error as Error).message })) };
      }
      const accepted = new Set(((results.shortcuts?.value ?? []) as [string, unknown][]).map(([id]) => id));
      return {
        failed: shortcuts
          .filter(({ id }) => !accepted.has(id))
          .map(({ id }) => ({ id, message: 'the desktop did not bind this shortcut' })),
      };
    },
    async dispose() {
      listener = () => {};
      await closeSession();
      bus.off('message', onMessage);
      bus.disconnect();
    },
  };
}
