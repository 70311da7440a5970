// Audio devices: listing, a test tone, the input meter and device fallbacks.
import { z } from 'zod';
import { command, noRequest } from './define';

export const audioDeviceSchema = z.object({
  /** Stable id ("<host API>:<name>"), what the inputDevice/outputDevice settings store. */
  id: z.string(),
  name: z.string(),
  hostApi: z.string(),
  defaultSampleRate: z.number(),
  /** Channels the app opens it with (its maximum, capped at 2). */
  channels: z.number().int(),
  isDefault: z.boolean(),
});
export type AudioDeviceInfo = z.infer<typeof audioDeviceSchema>;

export const audioDeviceListSchema = z.object({
  inputs: z.array(audioDeviceSchema),
  outputs: z.array(audioDeviceSchema),
});
export type AudioDeviceListInfo = z.infer<typeof audioDeviceListSchema>;

export const inputLevelSchema = z.object({
  rmsDbfs: z.number(),
  peakDbfs: z.number(),
});

export const audioDeviceFallbackSchema = z.object({
  kind: z.enum(['input', 'output']),
  /** The device that was asked for and failed (id or name). */
  failed: z.string(),
  /** The device used instead. */
  using: z.string(),
  message: z.string(),
});
export type AudioDeviceFallbackInfo = z.infer<typeof audioDeviceFallbackSchema>;

export const audioCommands = {
  /** `refresh` re-scans the system (PortAudio only sees new devices on a fresh scan). */
  listAudioDevices: command(z.object({ refresh: z.boolean().optional() }).strict(), audioDeviceListSchema),
  /** Plays a short tone through the selected output; resolves with the device used once it has played. */
  playTestSound: command(noRequest, z.object({ device: z.string() })),
  /**
   * Opens the selected microphone only to drive the input meter (Settings' "Test microphone"); nothing is
   * sent anywhere. It closes by itself after a minute so a forgotten test never keeps the mic open.
   */
  setMicTest: command(
    z.object({ on: z.boolean() }).strict(),
    z.object({ on: z.boolean(), device: z.string().optional() }),
  ),
};

export const audioEvents = {
  /** Microphone level while capturing, ~20 per second. */
  inputLevel: inputLevelSchema,
  audioDeviceFallback: audioDeviceFallbackSchema,
};
