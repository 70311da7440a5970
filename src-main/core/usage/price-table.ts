// Which price a model gets: the user's entry for it, else the default. A dated snapshot name
// ("gpt-realtime-2025-08-28", as sessions report their model) takes its model's price unless it has its own.
import type { ModelPrice, PriceEntry } from '../../../src-preload/contract';
import { DEFAULT_PRICES } from './default-prices';

const snapshotSuffix = /-\d{4}-\d{2}-\d{2}$/;

export function priceFor(
  model: string,
  custom: Readonly<Record<string, ModelPrice>>,
): ModelPrice | undefined {
  const name = model.trim();
  const base = name.replace(snapshotSuffix, '');
  for (const key of base === name ? [name] : [name, base]) {
    const price = (Object.hasOwn(custom, key) ? custom[key] : undefined) ?? ownDefault(key);
    if (price) return price;
  }
  return undefined;
}

const ownDefault = (model: string): ModelPrice | undefined =>
  Object.hasOwn(DEFAULT_PRICES, model) ? DEFAULT_PRICES[model] : undefined;

/** The whole table as Settings shows it: defaults (or the user's replacement), then the user's other models. */
export function priceEntries(custom: Readonly<Record<string, ModelPrice>>): PriceEntry[] {
  const entries: PriceEntry[] = Object.entries(DEFAULT_PRICES).map(([model, price]) =>
    Object.hasOwn(custom, model)
      ? { model, price: custom[model]!, source: 'custom' }
      : { model, price, source: 'default' },
  );
  for (const [model, price] of Object.entries(custom))
    if (!Object.hasOwn(DEFAULT_PRICES, model)) entries.push({ model, price, source: 'custom' });
  return entries;
}
