// Opening a PortAudio device by id or name, with the fallback rule: a selected device that is missing or
// will not open gives way to the system default, and the caller is told (the conversation goes on).
import { defaultDevice, describeDevice, findDevice, listDevices, type AudioDevice } from './devices';
import type { PortAudio } from './portaudio';

export type DeviceKind = 'input' | 'output';

export interface DeviceFallback {
  kind: DeviceKind;
  /** What was asked for (id or name). */
  failed: string;
  /** The device used instead. */
  using: string;
  message: string;
}

export interface Opened<T> {
  device: AudioDevice;
  handle: T;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Opens `wanted` (null = system default) with `open`; on failure falls back to the default device and
 * reports it through `onFallback`. Throws an error naming the device when nothing can be opened.
 */
export function openWithFallback<T>(
  pa: PortAudio,
  kind: DeviceKind,
  wanted: string | null,
  open: (device: AudioDevice) => T,
  onFallback: (fallback: DeviceFallback) => void,
): Opened<T> {
  const list = listDevices(pa);
  const devices = kind === 'input' ? list.inputs : list.outputs;
  let problem: string | undefined;
  let tried: AudioDevice | undefined;
  if (wanted !== null) {
    tried = findDevice(devices, wanted);
    if (!tried) problem = `${kind} device "${wanted}" is not connected`;
    else {
      try {
        return { device: tried, handle: open(tried) };
      } catch (error) {
        problem = `cannot open ${kind} device ${describeDevice(tried)}: ${reason(error)}`;
      }
    }
  }
  const fallback = defaultDevice(devices);
  if (!fallback || fallback === tried) {
    throw new Error(problem ?? `no ${kind} device found (PortAudio sees ${devices.length} ${kind} devices)`);
  }
  let handle: T;
  try {
    handle = open(fallback);
  } catch (error) {
    const base = `cannot open ${kind} device ${describeDevice(fallback)}: ${reason(error)}`;
    throw new Error(problem ? `${problem}; the default ${base}` : base, { cause: error });
  }
  if (problem && wanted !== null)
    onFallback({
      kind,
      failed: wanted,
      using: fallback.id,
      message: `${problem[0]!.toUpperCase()}${problem.slice(1)}; using ${describeDevice(fallback)} instead.`,
    });
  return { device: fallback, handle };
}
