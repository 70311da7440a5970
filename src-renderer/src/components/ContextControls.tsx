// The profile editor's context controls: GA `truncation` (what the server drops when the conversation
// outgrows the model's input) and `max_output_tokens` (how long one answer may get), each with what it does
// to the answers and to the bill. The whole conversation is input again for every response, so these are
// the two levers on what a turn costs.
import type { GaSession } from '../../../src-preload/contract';
import { Field } from './Field';
import { NumberInput } from './NumberInput';

type Truncation = NonNullable<GaSession['truncation']>;
type Kind = 'default' | 'auto' | 'disabled' | 'retention_ratio';

const kindOf = (t: Truncation | undefined): Kind =>
  t === undefined ? 'default' : typeof t === 'string' ? t : 'retention_ratio';

const effects: Record<Kind, string> = {
  default: 'Not sent: the server uses its default, auto. Choose a setting to make it part of the profile.',
  auto:
    'When the conversation outgrows the model’s input, the server drops the oldest messages, just enough to fit. ' +
    'Each drop changes the start of the input, so the next response reads less from the cache (cached input costs ' +
    'about a hundredth of fresh input) — the meter shows the input tokens falling.',
  disabled:
    'Nothing is ever dropped: every turn sees the whole conversation, and its cost keeps growing. Once the ' +
    'conversation no longer fits, responses fail with an error instead — start a new conversation then.',
  retention_ratio:
    'When the conversation outgrows the limit, the server drops down to this fraction of it at once (0.8 keeps ' +
    '80 %). Truncations come less often, so more turns read their input from the cache. A token limit below ' +
    'the model’s caps what every response’s input can cost.',
};

export function ContextControls({
  truncation,
  maxOutputTokens,
  set,
  errorsAt,
}: {
  truncation: Truncation | undefined;
  maxOutputTokens: GaSession['max_output_tokens'];
  /** Sets a session field by its path (undefined removes it). */
  set: (path: string, value: unknown) => void;
  errorsAt: (path: string) => string[] | undefined;
}) {
  const kind = kindOf(truncation);
  const ratio = typeof truncation === 'object' ? truncation : undefined;
  const choose = (next: Kind) =>
    set(
      'session.truncation',
      next === 'default'
        ? undefined
        : next === 'retention_ratio'
          ? { type: 'retention_ratio', retention_ratio: ratio?.retention_ratio ?? 0.8 }
          : next,
    );
  // Fields left empty stay empty (undefined), so the schema's message, not a stray value, says what is missing.
  const setRatio = (patch: Record<string, unknown>) =>
    set('session.truncation', { ...ratio, type: 'retention_ratio', ...patch });

  return (
    <>
      <div className="grid-3">
        <Field label="Truncation" errors={errorsAt('session.truncation')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={kind}
              onChange={(e) => choose(e.target.value as Kind)}
            >
              <option value="default">Server default (auto)</option>
              <option value="auto">Auto</option>
              <option value="disabled">Disabled</option>
              <option value="retention_ratio">Retention ratio</option>
            </select>
          )}
        </Field>
        {ratio && (
          <Field
            label="Retention ratio"
            hint="0 – 1: the share of the limit kept after a truncation."
            errors={errorsAt('session.truncation.retention_ratio')}
          >
            {({ id, describedBy, invalid }) => (
              <NumberInput
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                value={ratio.retention_ratio}
                onValue={(retention_ratio) => setRatio({ retention_ratio })}
              />
            )}
          </Field>
        )}
        {ratio && (
          <Field
            label="Token limit after instructions"
            hint="Empty = the model’s own limit."
            errors={errorsAt('session.truncation.token_limits.post_instructions')}
          >
            {({ id, describedBy, invalid }) => (
              <NumberInput
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                placeholder="model limit"
                value={ratio.token_limits?.post_instructions}
                onValue={(post_instructions) =>
                  setRatio({
                    token_limits: post_instructions === undefined ? undefined : { post_instructions },
                  })
                }
              />
            )}
          </Field>
        )}
      </div>
      <p className="hint" data-testid="truncation-effect">
        {effects[kind]}
      </p>
      <div className="grid-3">
        <Field label="Max output tokens" errors={errorsAt('session.max_output_tokens')}>
          {({ id, describedBy, invalid }) => (
            <NumberInput
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              placeholder="no limit"
              value={typeof maxOutputTokens === 'number' ? maxOutputTokens : undefined}
              onValue={(v) => set('session.max_output_tokens', v)}
            />
          )}
        </Field>
      </div>
      <p className="hint">
        1 – 4096 per answer, tool calls included; empty = no limit. Output is the dearest token (gpt-realtime:
        $64 per 1M audio tokens, about 20 a second of speech), so a limit caps what one answer can cost —
        1,000 tokens hold about 50 s of speech, at most $0.064 — and a longer answer stops mid-sentence,
        marked “cut short”.
      </p>
    </>
  );
}
