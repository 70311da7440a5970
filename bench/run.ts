// `npm run bench`: runs every suite in bench/suites and prints one JSON line per figure.
// A suite's default export returns its figures; each figure is a median of >= 5 runs, named, with a unit.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchFigure } from './figure';

const dir = resolve(import.meta.dirname, 'suites');
const only = process.argv[2];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  const suite = (await import(pathToFileURL(resolve(dir, file)).href)) as {
    default: () => Promise<BenchFigure[]>;
  };
  for (const figure of await suite.default())
    console.log(JSON.stringify({ suite: file.replace(/\.ts$/, ''), ...figure }));
}
