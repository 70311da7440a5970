// electron-builder afterPack hook (after-pack.mjs loads it): runs once per platform/arch after the
// app is laid out and before it is signed or wrapped into an installer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AfterPackContext } from 'electron-builder';
import { rewriteRunpath, readDynamicInfo } from './elf-runpath';
import { productionFuses } from './fuses';

/** Where naudiodon2's addon lands once asarUnpack has extracted it. */
export function naudiodonReleaseDir(resourcesDir: string): string {
  return join(resourcesDir, 'app.asar.unpacked', 'node_modules', 'naudiodon2', 'build', 'Release');
}

/**
 * Linux: make naudiodon.node find the libportaudio.so.2 that sits beside it, wherever the app is installed.
 * macOS links it with @loader_path and Windows searches the addon's own directory, so only Linux needs this.
 */
export function fixPortAudioRunpath(resourcesDir: string): void {
  const dir = naudiodonReleaseDir(resourcesDir);
  const addon = join(dir, 'naudiodon.node');
  if (!existsSync(addon)) throw new Error(`naudiodon.node is not unpacked from the asar: ${addon}`);
  const { needed, runpath } = readDynamicInfo(addon);
  if (!needed.includes('libportaudio.so.2')) return;
  if (!existsSync(join(dir, 'libportaudio.so.2'))) {
    throw new Error(`libportaudio.so.2 must sit beside naudiodon.node in ${dir}`);
  }
  if (runpath !== '$ORIGIN') rewriteRunpath(addon, '$ORIGIN');
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const platform = context.electronPlatformName as NodeJS.Platform;
  if (platform === 'linux') fixPortAudioRunpath(context.packager.getResourcesDir(context.appOutDir));
  await context.packager.addElectronFuses(context, productionFuses(platform));
}
