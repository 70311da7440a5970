// electron-builder loads hooks with a plain import(), which cannot read TypeScript on every Node version
// the project supports; tsx (a dev dependency, present whenever `npm run dist` runs) loads the real hook.
import { tsImport } from 'tsx/esm/api';

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  const hook = await tsImport('./after-pack-hook.ts', import.meta.url);
  await hook.default(context);
}
