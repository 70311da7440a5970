// Settings → Help and diagnostics: run the setup again, copy a diagnostics report for a bug report, open the
// logs folder, and whether the log may hold what was said.
import { useEffect, useRef, useState } from 'react';
import { InlineMessage } from '../components/InlineMessage';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { useLifecycleSettings } from '../hooks/useLifecycle';

export function DiagnosticsSettings() {
  const client = useClient();
  const lifecycle = useLifecycleSettings();
  const [copied, setCopied] = useState<string | null>(null);
  /** The report, shown to copy by hand when neither main nor the page could put it on the clipboard. */
  const [manual, setManual] = useState<string | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const manualRef = useRef<HTMLTextAreaElement>(null);

  const copy = useAction(async () => {
    setCopied(null);
    setManual(null);
    const report = await client.copyDiagnostics();
    let done = report.copied;
    if (!done) {
      try {
        await navigator.clipboard.writeText(report.text);
        done = true;
      } catch {
        // No clipboard access here (an insecure origin, a denied permission): the text is shown instead.
      }
    }
    const lines = report.text.split('\n').length;
    if (done)
      setCopied(`Copied ${lines} lines: versions, devices, settings without secrets and the latest log.`);
    else setManual(report.text);
  });
  const open = useAction(async () => setFolder((await client.openLogsFolder()).folder));
  const setup = useAction(() => client.openSetup());
  const toggle = useAction((on: boolean) => lifecycle.update({ logConversation: on }));
  useEffect(() => manualRef.current?.select(), [manual]);

  return (
    <fieldset className="section">
      <legend>Help and diagnostics</legend>
      {lifecycle.settings && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={lifecycle.settings.logConversation}
            onChange={(e) => void toggle.run(e.target.checked)}
          />
          <span>
            Include conversation in logs
            <span className="hint"> — off: the log only says that a turn happened, not what was said</span>
          </span>
        </label>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy.run()} disabled={copy.busy}>
          Copy diagnostics
        </button>
        <button type="button" className="button" onClick={() => void open.run()} disabled={open.busy}>
          Open logs folder
        </button>
        <button type="button" className="button" onClick={() => void setup.run()} disabled={setup.busy}>
          Run setup again
        </button>
      </div>
      {copied && (
        <p className="hint" role="status" data-testid="diagnostics-copied">
          {copied}
        </p>
      )}
      {folder && (
        <p className="hint" role="status">
          Opened {folder}
        </p>
      )}
      {manual && (
        <div className="diagnostics-manual">
          <label htmlFor="diagnostics-text">The clipboard is not available here: select all and copy.</label>
          <textarea id="diagnostics-text" ref={manualRef} readOnly rows={8} value={manual} />
        </div>
      )}
      <p className="hint">
        The API key and other secrets are never written to the log or the report; check the report before you
        share it.
      </p>
      <InlineMessage error={copy.error ?? open.error ?? setup.error ?? toggle.error} />
    </fieldset>
  );
}
