// Session store: status, mute, and the live transcript. Catches up with getSessionState/getTranscript on
// mount (a window opened mid-conversation), then follows `sessionState` and `transcript` events.
import { useEffect, useState } from 'react';
import type { SessionState } from '../../../src-preload/contract';
import { describeError, type ShownError } from '../lib/errors';
import { applyAppend, applyItem, emptyTranscript, fromItems, type TranscriptState } from '../lib/transcript';
import { useClient } from './client-context';

export const initialSessionState: SessionState = { status: 'disconnected', muted: false };

export interface SessionStore {
  state: SessionState;
  transcript: TranscriptState;
  /** Why the session could not be read (e.g. the session service is not there yet). */
  loadError: ShownError | null;
  setState: (state: SessionState) => void;
}

export function useSession(): SessionStore {
  const client = useClient();
  const [state, setState] = useState<SessionState>(initialSessionState);
  const [transcript, setTranscript] = useState<TranscriptState>(emptyTranscript);
  const [loadError, setLoadError] = useState<ShownError | null>(null);

  useEffect(() => {
    let live = true;
    let streamed = false;
    const offState = client.on('sessionState', (next) => {
      setState(next);
      setLoadError(null);
    });
    const offItem = client.on('transcript', (item) => {
      streamed = true;
      setTranscript((current) => applyItem(current, item));
    });
    const offAppend = client.on('transcriptAppend', (append) =>
      setTranscript((current) => applyAppend(current, append)),
    );
    client.getSessionState().then(
      (value) => live && setState(value),
      (e: unknown) => live && setLoadError(describeError(e)),
    );
    client.getTranscript().then(
      // Items that streamed in while this was in flight are newer than the snapshot: merge them on top.
      (items) =>
        live &&
        setTranscript((current) =>
          streamed ? current.items.reduce(applyItem, fromItems(items)) : fromItems(items),
        ),
      () => {
        /* no transcript yet: events will fill it */
      },
    );
    return () => {
      live = false;
      offState();
      offItem();
      offAppend();
    };
  }, [client]);

  return { state, transcript, loadError, setState };
}
