// Which API origin a key may be sent to. A key is only ever sent to the origin it was bound to: otherwise
// whoever can move the base URL (a compromised window, anyone holding dev:web's token) could point it at
// a server of their own and have main send the key there. The renderer never sees the key, but it could
// make main disclose it.

/** What the secret store holds for a key saved through the API key service. */
export const sealKey = (key: string, origin: string): string => JSON.stringify({ key, origin });

/** A sealed key, or a bare one (`origin` undefined): given to a store directly, or saved by an old version. */
export function unsealKey(stored: string): { key: string; origin?: string } {
  try {
    const value = JSON.parse(stored) as { key?: unknown; origin?: unknown };
    if (typeof value.key === 'string' && typeof value.origin === 'string')
      return { key: value.key, origin: value.origin };
  } catch {
    // not JSON: a bare key
  }
  return { key: stored };
}

export const originOf = (baseUrl: string): string => new URL(baseUrl).origin;

/** Where a store's own bare key may go (the environment's key: OPENAI_BASE_URL's origin), and how to say so. */
export interface GivenKeyBinding {
  origin: string;
  /** Where the key came from, for messages: "OPENAI_API_KEY". */
  source: string;
  /** How to use it with another origin: "start with OPENAI_BASE_URL set to that API". */
  hint: string;
}
