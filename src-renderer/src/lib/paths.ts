// Immutable get/set by dotted path, for editors whose fields are keyed by the same paths main uses in
// field errors ("session.audio.output.speed").

type Obj = Record<string, unknown>;

export function getIn(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Obj)[key];
  }
  return current;
}

/** Returns a copy with `path` set; `undefined` removes the key, and objects left empty are removed too. */
export function setIn<T>(value: T, path: string, next: unknown): T {
  const [head, ...rest] = path.split('.');
  const base: Obj = value !== null && typeof value === 'object' ? { ...(value as Obj) } : {};
  const child = rest.length ? setIn(base[head!], rest.join('.'), next) : next;
  const emptyObject =
    rest.length > 0 &&
    child !== null &&
    typeof child === 'object' &&
    !Array.isArray(child) &&
    !Object.keys(child).length;
  if (child === undefined || emptyObject) delete base[head!];
  else base[head!] = child;
  return base as T;
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
