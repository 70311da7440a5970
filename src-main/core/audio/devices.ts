// Device listing and selection. Ids are "<host API>:<name>" (PortAudio's indices change when devices come
// and go; names are what a saved setting can still find), with "#2", "#3" for repeated names.
import type { PaDeviceInfo, PortAudio } from './portaudio';

export interface AudioDevice {
  id: string;
  name: string;
  hostApi: string;
  defaultSampleRate: number;
  /** Channels we open it with: its maximum, capped at 2 (stereo is downmixed anyway). */
  channels: number;
  maxChannels: number;
  isDefault: boolean;
  /** PortAudio's index for this enumeration only. */
  index: number;
}

export interface AudioDeviceList {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
}

export function listDevices(pa: PortAudio): AudioDeviceList {
  const devices = pa.getDevices();
  const apis = pa.getHostAPIs();
  const host = apis.HostAPIs[apis.defaultHostAPI] ?? apis.HostAPIs[0];
  const describe = (kind: 'input' | 'output') => {
    const seen = new Map<string, number>();
    const out: AudioDevice[] = [];
    for (const d of devices) {
      const max = kind === 'input' ? d.maxInputChannels : d.maxOutputChannels;
      if (max <= 0) continue;
      const base = `${d.hostAPIName}:${d.name}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      out.push({
        id: n === 1 ? base : `${base}#${n}`,
        name: d.name,
        hostApi: d.hostAPIName,
        defaultSampleRate: d.defaultSampleRate,
        channels: Math.min(max, 2),
        maxChannels: max,
        isDefault: d.id === (kind === 'input' ? host?.defaultInput : host?.defaultOutput),
        index: d.id,
      });
    }
    return out;
  };
  return { inputs: describe('input'), outputs: describe('output') };
}

/** Finds a device by id, else by exact name, else by case-insensitive name. */
export function findDevice(devices: readonly AudioDevice[], wanted: string): AudioDevice | undefined {
  return (
    devices.find((d) => d.id === wanted) ??
    devices.find((d) => d.name === wanted) ??
    devices.find((d) => d.name.toLowerCase() === wanted.toLowerCase())
  );
}

export const defaultDevice = (devices: readonly AudioDevice[]): AudioDevice | undefined =>
  devices.find((d) => d.isDefault) ?? devices[0];

export const describeDevice = (d: Pick<AudioDevice, 'name' | 'hostApi'>): string =>
  `"${d.name}" (${d.hostApi})`;

export type { PaDeviceInfo };
