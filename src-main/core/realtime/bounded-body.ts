// Reading an HTTP answer from a Realtime server without trusting its size: a refused upgrade or a failed
// client_secrets request carries a short JSON error, but a broken or hostile server can send an endless body.

/** An error answer needs a few hundred bytes; only the first 300 characters are ever shown. */
export const errorBodyCap = 64 * 1024;

/**
 * The body as text, at most `cap` bytes (the rest is not read: the stream is cancelled or destroyed when the
 * loop is left, which also closes the connection). `truncated` says whether bytes were left unread.
 */
export async function readBounded(
  body: AsyncIterable<Uint8Array | string>,
  cap: number,
): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (size + bytes.length > cap) {
      chunks.push(bytes.subarray(0, cap - size));
      return { text: Buffer.concat(chunks).toString(), truncated: true };
    }
    chunks.push(bytes);
    size += bytes.length;
  }
  return { text: Buffer.concat(chunks).toString(), truncated: false };
}
