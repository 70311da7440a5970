// WAV (RIFF) reading and writing: the headless shell's microphone and speaker.
import { closeSync, openSync, writeSync } from 'node:fs';

export interface WavAudio {
  rate: number;
  channels: number;
  /** Interleaved float samples in [-1, 1). */
  samples: Float32Array;
}

/** Parses PCM (8/16/24/32-bit) or IEEE float (32/64-bit) WAV, including WAVE_FORMAT_EXTENSIBLE. */
export function parseWav(file: Buffer, name = 'WAV file'): WavAudio {
  if (file.length < 12 || file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${name} is not a RIFF/WAVE file`);
  let format: { tag: number; channels: number; rate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      let tag = file.readUInt16LE(body);
      if (tag === 0xfffe && size >= 26) tag = file.readUInt16LE(body + 24); // extensible: sub-format GUID
      format = {
        tag,
        channels: file.readUInt16LE(body + 2),
        rate: file.readUInt32LE(body + 4),
        bits: file.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!format) throw new Error(`${name}: data chunk before fmt chunk`);
      // Streaming writers leave 0 or 0xFFFFFFFF here: read to the end of the file.
      const end = size === 0 || size === 0xffffffff ? file.length : Math.min(file.length, body + size);
      return {
        rate: format.rate,
        channels: format.channels,
        samples: decode(file.subarray(body, end), format, name),
      };
    }
    offset = body + size + (size & 1);
  }
  throw new Error(`${name} has no audio data`);
}

function decode(data: Buffer, f: { tag: number; bits: number }, name: string): Float32Array {
  const bytes = f.bits / 8;
  const count = Math.floor(data.length / bytes);
  const out = new Float32Array(count);
  if (f.tag === 1 && f.bits === 16) for (let i = 0; i < count; i++) out[i] = data.readInt16LE(i * 2) / 32768;
  else if (f.tag === 1 && f.bits === 8) for (let i = 0; i < count; i++) out[i] = (data[i]! - 128) / 128;
  else if (f.tag === 1 && f.bits === 24)
    for (let i = 0; i < count; i++) out[i] = data.readIntLE(i * 3, 3) / 8388608;
  else if (f.tag === 1 && f.bits === 32)
    for (let i = 0; i < count; i++) out[i] = data.readInt32LE(i * 4) / 2147483648;
  else if (f.tag === 3 && f.bits === 32) for (let i = 0; i < count; i++) out[i] = data.readFloatLE(i * 4);
  else if (f.tag === 3 && f.bits === 64) for (let i = 0; i < count; i++) out[i] = data.readDoubleLE(i * 8);
  else throw new Error(`${name}: unsupported WAV encoding (format ${f.tag}, ${f.bits} bits)`);
  return out;
}

/** A 44-byte header for 16-bit PCM. */
export function wavHeader(rate: number, channels: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Streams 16-bit PCM to a file; the header's sizes are fixed up on close. */
export class WavWriter {
  private readonly fd: number;
  private bytes = 0;
  private open = true;
  constructor(
    readonly path: string,
    readonly rate: number,
    readonly channels: number,
  ) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, wavHeader(rate, channels, 0));
  }
  /** 16-bit LE interleaved sample bytes. */
  write(pcm16: Uint8Array): void {
    if (!this.open) throw new Error(`${this.path} is closed`);
    writeSync(this.fd, pcm16);
    this.bytes += pcm16.length;
  }
  get dataBytes(): number {
    return this.bytes;
  }
  close(): void {
    if (!this.open) return;
    this.open = false;
    writeSync(this.fd, wavHeader(this.rate, this.channels, this.bytes), 0, 44, 0);
    closeSync(this.fd);
  }
}
