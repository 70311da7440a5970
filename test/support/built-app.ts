// The integration tests that use the BUILT app (out/) fail loudly when it is missing instead of skipping.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function requireBuiltApp(root: string): void {
  const missing = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'].filter(
    (file) => !existsSync(join(root, file)),
  );
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing: run \`npm run build\` first (\`npm run check\` does).`);
  }
}
