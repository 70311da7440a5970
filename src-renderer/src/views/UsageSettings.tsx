// Settings → Usage and cost: the daily and monthly budgets (empty = no limit), and the price table — the
// defaults with the date they were taken and their source, the user's own entries, one editor to change a
// model's prices or add another model. Every change is one contract call; main's field errors show beneath.
import { useEffect, useState } from 'react';
import type { Budgets, ModelPrice, PriceEntry, PriceTable } from '../../../src-preload/contract';
import { Field } from '../components/Field';
import { InlineMessage } from '../components/InlineMessage';
import { NumberInput } from '../components/NumberInput';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { describeError } from '../lib/errors';

const rates: [keyof ModelPrice, string][] = [
  ['textIn', 'Text in'],
  ['textCachedIn', 'Cached text in'],
  ['textOut', 'Text out'],
  ['audioIn', 'Audio in'],
  ['audioCachedIn', 'Cached audio in'],
  ['audioOut', 'Audio out'],
  ['imageIn', 'Image in'],
  ['imageCachedIn', 'Cached image in'],
];
const show = (v: number | undefined) => (v === undefined ? '—' : `$${v}`);

type Draft = { model: string } & Partial<Record<keyof ModelPrice, number>>;

function BudgetField({
  label,
  value,
  errors,
  onCommit,
}: {
  label: string;
  value: number | null;
  errors: string[] | undefined;
  onCommit: (value: number | null) => void;
}) {
  const [draft, setDraft] = useState<number | undefined>(value ?? undefined);
  const commit = () => {
    const next = draft === undefined ? null : draft;
    if (next !== value) onCommit(next);
  };
  return (
    <Field label={label} hint="US dollars; empty = no limit." errors={errors}>
      {({ id, describedBy, invalid }) => (
        <NumberInput
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          placeholder="no limit"
          value={value ?? undefined}
          onValue={setDraft}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      )}
    </Field>
  );
}

export function UsageSettings() {
  const client = useClient();
  const [table, setTable] = useState<PriceTable | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  useEffect(() => {
    let live = true;
    client.getPriceTable().then(
      (value) => live && setTable(value),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client]);

  const call = useAction(async (fn: () => Promise<PriceTable>, clearsDraft = false) => {
    try {
      setTable(await fn());
      setErrors({});
      if (clearsDraft) setDraft(null);
    } catch (e) {
      setErrors(describeError(e).fieldErrors);
      throw e;
    }
  });

  if (!table) return null;
  const setBudget = (patch: Partial<Budgets>) =>
    void call.run(() => client.setBudgets({ ...table.budgets, ...patch }));
  const edit = (entry?: PriceEntry) =>
    setDraft(entry ? { model: entry.model, ...entry.price } : { model: '' });
  const saveDraft = () => {
    if (!draft) return;
    const { model, ...price } = draft;
    void call.run(() => client.setModelPrice({ model, price: price as ModelPrice }), true);
  };

  return (
    <fieldset className="section" aria-label="Usage and cost">
      <legend>Usage and cost</legend>
      <div className="grid-2">
        <BudgetField
          label="Daily budget"
          value={table.budgets.dailyUsd}
          errors={errors.dailyUsd}
          onCommit={(dailyUsd) => setBudget({ dailyUsd })}
        />
        <BudgetField
          label="Monthly budget"
          value={table.budgets.monthlyUsd}
          errors={errors.monthlyUsd}
          onCommit={(monthlyUsd) => setBudget({ monthlyUsd })}
        />
      </div>
      <p className="hint">
        At 80 % of a budget you get a notice; at 100 % no new answer starts until you raise the limit or
        choose “Continue anyway” in the usage meter (for the rest of that day or month).
      </p>

      <table className="price-table" aria-label="Prices per 1M tokens">
        <thead>
          <tr>
            <th scope="col">model</th>
            {rates.map(([key, name]) => (
              <th key={key} scope="col">
                {name}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {table.entries.map((entry) => (
            <tr key={entry.model}>
              <td>
                {entry.model}
                {entry.source === 'custom' && <span className="hint"> (yours)</span>}
              </td>
              {rates.map(([key]) => (
                <td key={key}>{show(entry.price[key])}</td>
              ))}
              <td>
                <button type="button" className="link-button" onClick={() => edit(entry)}>
                  Edit<span className="visually-hidden"> {entry.model}</span>
                </button>
                {entry.source === 'custom' && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void call.run(() => client.resetModelPrice({ model: entry.model }))}
                  >
                    Reset<span className="visually-hidden"> {entry.model}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        US dollars per 1M tokens. Defaults taken {table.defaultsTakenOn}: {table.defaultsSource}. A model
        without a price shows its tokens and no cost.
      </p>

      {draft ? (
        <div className="price-editor">
          <Field label="Model" errors={errors.model}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                spellCheck={false}
                value={draft.model}
                onChange={(e) => setDraft({ ...draft, model: e.target.value })}
              />
            )}
          </Field>
          <div className="grid-3">
            {rates.map(([key, name]) => (
              <Field key={key} label={`${name} ($ / 1M)`} errors={errors[`price.${key}`]}>
                {({ id, describedBy, invalid }) => (
                  <NumberInput
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    placeholder={key.startsWith('image') ? 'none' : ''}
                    value={draft[key]}
                    onValue={(v) => setDraft({ ...draft, [key]: v })}
                  />
                )}
              </Field>
            ))}
          </div>
          <div className="button-row">
            <button type="button" className="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="button" className="button primary" disabled={call.busy} onClick={saveDraft}>
              Save prices
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button small" onClick={() => edit()}>
          Add a model
        </button>
      )}
      <InlineMessage error={call.error} onDismiss={call.clearError} />
    </fieldset>
  );
}
