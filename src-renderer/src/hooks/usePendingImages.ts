// The images waiting for the next turn (loaded once, then kept fresh by `pendingImages`).
import { useEffect, useState } from 'react';
import type { PendingImage } from '../../../src-preload/contract';
import { useClient } from './client-context';

export function usePendingImages(): PendingImage[] {
  const client = useClient();
  const [images, setImages] = useState<PendingImage[] | null>(null);
  useEffect(() => {
    let live = true;
    const off = client.on('pendingImages', ({ images: next }) => setImages(next));
    client.listImages().then(
      ({ images: first }) => live && setImages((current) => current ?? first),
      () => {
        /* an older core without images: nothing waits */
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return images ?? [];
}
