// Checks a hotkeys setting: every accelerator parses, no two are the same, and no shortcut contains the
// push-to-talk keys (pressing it would also open the microphone). Field-level errors, the shape the
// settings editor and the hotkey recorder show inline.
import type { HotkeyValidation, Settings } from '../../../src-preload/contract';
import { tryParseAccelerator, type Binding } from './accelerator';

export type HotkeysSetting = Settings['hotkeys'];

const describe = (field: string): string => {
  if (field === 'hotkeys.pushToTalk') return 'push-to-talk';
  if (field === 'hotkeys.nextProfile') return 'next profile';
  if (field === 'hotkeys.captureScreen') return 'talk about my screen';
  return `the shortcut of profile ${field.slice('hotkeys.profiles.'.length)}`;
};

/** Some way of pressing `outer` also holds every key of `inner` (RightCtrl is one way to press Ctrl). */
const canInclude = (outer: Binding, inner: Binding) =>
  inner.keys.every((k) => outer.keys.some((o) => o.codes.some((c) => k.codes.includes(c))));

export function validateHotkeys(
  hotkeys: HotkeysSetting,
  platform: NodeJS.Platform = process.platform,
): HotkeyValidation {
  const fields: [string, string][] = [['hotkeys.pushToTalk', hotkeys.pushToTalk]];
  if (hotkeys.nextProfile !== null) fields.push(['hotkeys.nextProfile', hotkeys.nextProfile]);
  if (hotkeys.captureScreen !== null) fields.push(['hotkeys.captureScreen', hotkeys.captureScreen]);
  for (const [id, accelerator] of Object.entries(hotkeys.profiles))
    fields.push([`hotkeys.profiles.${id}`, accelerator]);

  const fieldErrors: Record<string, string[]> = {};
  const normalized: Record<string, string> = {};
  const parsed: [string, Binding][] = [];
  for (const [field, accelerator] of fields) {
    const result = tryParseAccelerator(accelerator, platform);
    if (result.ok) {
      parsed.push([field, result.binding]);
      normalized[field] = result.binding.accelerator;
    } else (fieldErrors[field] ??= []).push(result.error);
  }

  // The later field gets the message: the recorder edits one field at a time, and the earlier one stays valid.
  for (let i = 1; i < parsed.length; i++) {
    const [field, binding] = parsed[i]!;
    for (let j = 0; j < i; j++) {
      const [otherField, other] = parsed[j]!;
      if (binding.accelerator === other.accelerator) {
        (fieldErrors[field] ??= []).push(`same as ${describe(otherField)} (${other.accelerator})`);
      }
    }
  }
  const ptt = parsed.find(([f]) => f === 'hotkeys.pushToTalk')?.[1];
  if (ptt) {
    for (const [field, binding] of parsed) {
      if (field === 'hotkeys.pushToTalk' || binding.accelerator === ptt.accelerator) continue;
      if (canInclude(binding, ptt)) {
        (fieldErrors[field] ??= []).push(
          `includes the push-to-talk keys (${ptt.accelerator}): pressing it would also start talking`,
        );
      }
    }
  }
  return { fieldErrors, normalized };
}

/**
 * What a hotkeys edit breaks: the field errors of `next` that `current` did not already have. An edit that
 * creates a conflict is refused; a problem that was already there never blocks saving something else.
 */
export function hotkeyEditProblems(
  current: HotkeysSetting,
  next: HotkeysSetting,
  platform: NodeJS.Platform = process.platform,
): Record<string, string[]> {
  const before = validateHotkeys(current, platform).fieldErrors;
  const added: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(validateHotkeys(next, platform).fieldErrors)) {
    const fresh = messages.filter((m) => !before[field]?.includes(m));
    if (fresh.length) added[field] = fresh;
  }
  return added;
}
