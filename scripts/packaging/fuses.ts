// Electron fuses for the shipped binary: switches compiled into Electron that only a binary edit can
// change, so a user (or malware) cannot turn the app back into a general-purpose Node runtime.
import { FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

export function productionFuses(platform: NodeJS.Platform): FuseConfig {
  return {
    version: FuseVersion.V1,
    // Flipping fuses invalidates the ad-hoc signature Apple Silicon requires; codesign re-applies one
    // (electron-builder's real signing comes after afterPack and replaces it when an identity is set).
    resetAdHocDarwinSignature: platform === 'darwin',
    // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node interpreter.
    [FuseV1Options.RunAsNode]: false,
    // Chromium's cookie store encrypted with the OS keychain key.
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS (--require …) and --inspect would let anything that can start the app inject code.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // Electron validates app.asar against the hash electron-builder embeds, on macOS (Info.plist) and
    // Windows (a resource) only; Linux has no such check, so the fuse stays untouched there.
    ...(platform === 'darwin' || platform === 'win32'
      ? { [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true }
      : {}),
    // Never load an unpacked resources/app directory placed beside app.asar.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  };
}
