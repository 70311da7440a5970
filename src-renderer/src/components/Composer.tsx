// Type instead of speaking. Enter sends, Shift+Enter makes a new line. Images for the next turn (spoken or
// typed) wait above the text as thumbnails: "Talk about my screen" captures one, and an image can be pasted or
// dropped here; each can be removed before it goes.
import { useState, type ClipboardEvent, type DragEvent } from 'react';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { usePendingImages } from '../hooks/usePendingImages';
import { imageFileBase64, imageFilesOf } from '../lib/image-files';
import { InlineMessage } from './InlineMessage';

export function Composer() {
  const client = useClient();
  const [text, setText] = useState('');
  const [dropping, setDropping] = useState(false);
  const images = usePendingImages();
  const send = useAction(async (value: string) => {
    await client.sendText({ text: value });
    setText('');
  });
  const attach = useAction(async (files: File[]) => {
    for (const file of files) await client.attachImage({ data: await imageFileBase64(file) });
  });
  const capture = useAction(() => client.captureScreen());
  const remove = useAction((id: string) => client.removeImage({ id }));
  const submit = () => {
    if (text.trim() && !send.busy) void send.run(text);
  };
  const onPaste = (e: ClipboardEvent) => {
    const files = imageFilesOf(e.clipboardData.files);
    if (!files.length) return; // text pastes as usual
    e.preventDefault();
    void attach.run(files);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDropping(false);
    const files = imageFilesOf(e.dataTransfer.files);
    if (files.length) void attach.run(files);
  };
  const error = attach.error ?? capture.error ?? remove.error ?? send.error;
  const clearError = () => [attach, capture, remove, send].forEach((action) => action.clearError());

  return (
    <form
      className={`composer${dropping ? ' dropping' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onDragOver={(e) => {
        if (![...e.dataTransfer.types].includes('Files')) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      {images.length > 0 && (
        <ul className="composer-images" aria-label="Images for the next turn">
          {images.map((image, index) => (
            <li key={image.id}>
              <img
                src={image.thumbnail}
                alt={`Image ${index + 1} for the next turn (${image.width}×${image.height})`}
              />
              <button
                type="button"
                className="remove-image"
                aria-label={`Remove image ${index + 1}`}
                onClick={() => void remove.run(image.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor="composer-text" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-text"
        rows={1}
        placeholder={
          images.length ? 'Ask about the image — type, or hold Space and speak…' : 'Type a message…'
        }
        value={text}
        maxLength={8_000}
        onChange={(e) => setText(e.target.value)}
        onPaste={onPaste}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button
        type="button"
        className="button"
        onClick={() => void capture.run()}
        disabled={capture.busy}
        title="Capture the screen under the pointer for your next turn"
      >
        Talk about my screen
      </button>
      <button type="submit" className="button primary" disabled={!text.trim() || send.busy}>
        Send
      </button>
      <InlineMessage error={error} onDismiss={clearError} />
    </form>
  );
}
