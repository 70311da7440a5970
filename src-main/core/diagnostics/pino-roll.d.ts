// pino-roll ships no types: the part of its API the app log uses (see its pino-roll.js).
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  import type { SonicBoomOpts } from 'sonic-boom';

  interface PinoRollOptions extends Omit<SonicBoomOpts, 'dest'> {
    /** Base path: files are `<base>.<n>.<extension>`, the highest n being the current one. */
    file: string | (() => string);
    /** Rotate past this size: a number of MB, or '500k', '5m', '1g'. */
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    symlink?: boolean;
    /** Keep `count` files besides the current one; `removeOtherLogFiles` also counts earlier runs' files. */
    limit?: { count: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
