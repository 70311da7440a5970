// x.y.z comparison for store schema versions (we only ever write plain x.y.z).
const parse = (version: string): [number, number, number] | undefined => {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
};

/** True when `a` is a plain x.y.z version strictly newer than `b`; anything unparsable is not newer. */
export function isNewerVersion(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return false;
  for (let i = 0; i < 3; i++) {
    if (x[i] !== y[i]) return (x[i] ?? 0) > (y[i] ?? 0);
  }
  return false;
}
