// The residual gate, while the assistant is audible: at a reply's onset the microphone stays silent until the
// canceller shows it cancels (or at most 2 s); after that a block turned down by more than 10 dB (a leak of
// echo) is silenced and a block that kept its energy (the user talking over the assistant) passes, once such
// blocks have run for 50 ms. With the assistant silent nothing is touched. The canceller's latency is covered
// by comparing with recent input.
import { describe, expect, it } from 'vitest';
import {
  createResidualGate,
  gateDb,
  onsetGuardMs,
  openAfterMs,
} from '../../../../src-main/core/audio/echo/residual-gate';

const blockMs = 10;
const block = (level: number, n = 480) => Float32Array.from({ length: n }, (_, i) => level * Math.sin(i / 7));
const under = (level: number, db: number) => block(level * 10 ** (-db / 20));
const silent = (samples: Float32Array) => samples.every((x) => x === 0);
const gate = () => createResidualGate(912, 480, 48_000);
/** `ms` of echo the canceller removes well (30 dB): the onset guard lifts. */
const converge = (g: ReturnType<typeof gate>, ms = 300) => {
  for (let t = 0; t < ms; t += blockMs) g.apply(block(0.3), under(0.3, 30), true);
};

describe('the residual echo gate', () => {
  it('with the assistant silent, touches nothing', () => {
    const leak = under(0.3, 3);
    expect(gate().apply(block(0.3), leak, false)).toBe(leak);
  });

  it("holds the microphone at a reply's onset until the canceller cancels, at most 2 s", () => {
    const g = gate();
    let passed = 0;
    for (let t = 0; t < onsetGuardMs + 500; t += blockMs)
      if (!silent(g.apply(block(0.3), under(0.3, 1), true))) passed += blockMs;
    // Never cancelling: silent for the guard's 2 s, then the leak rule alone (1 dB down is not a leak).
    expect(passed).toBeGreaterThan(400);
    expect(passed).toBeLessThanOrEqual(500);
  });

  it('lifts the guard once 200 ms show cancellation: the user talking over the assistant passes after 50 ms', () => {
    const g = gate();
    converge(g);
    const user = under(0.3, 3);
    const heard = Array.from({ length: 8 }, () => !silent(g.apply(block(0.3), user, true)));
    // Their first 50 ms are held (rule 3), the 5th block on passes.
    expect(openAfterMs).toBe(50);
    expect(heard).toEqual([false, false, false, false, true, true, true, true]);
  });

  it('a burst shorter than 50 ms that kept its energy does not pass (echo the canceller missed)', () => {
    const g = gate();
    converge(g);
    for (let k = 0; k < 4; k++) expect(silent(g.apply(block(0.3), under(0.3, 3), true))).toBe(true);
    converge(g, 100);
    for (let k = 0; k < 4; k++) expect(silent(g.apply(block(0.3), under(0.3, 3), true))).toBe(true);
  });

  it("once open, a dip in the user's speech does not close it; 200 ms without them does", () => {
    const g = gate();
    converge(g);
    const user = under(0.3, 3);
    for (let k = 0; k < 5; k++) g.apply(block(0.3), user, true);
    converge(g, 100); // the user pauses: echo only, cancelled (silenced as before)
    expect(g.apply(block(0.3), user, true)).toBe(user); // at once
    converge(g, 200);
    expect(silent(g.apply(block(0.3), user, true))).toBe(true); // held again
  });

  it('after convergence silences a leak 12 dB down', () => {
    const g = gate();
    converge(g);
    expect(silent(g.apply(block(0.3), under(0.3, 12), true))).toBe(true);
    expect(gateDb).toBe(10);
  });

  it('a pause of 600 ms makes the next audible block an onset again', () => {
    const g = gate();
    converge(g);
    for (let t = 0; t < 600; t += blockMs) g.apply(block(0.001), block(0.001), false);
    expect(silent(g.apply(block(0.3), under(0.3, 3), true))).toBe(true);
  });

  it('compares with the loudest input the late output could have come from', () => {
    const g = gate(); // 912 samples late: up to three blocks back
    converge(g);
    g.apply(block(0.5), under(0.5, 30), true);
    g.apply(block(0.01), block(0), true);
    // From the loud input two blocks ago, 14 dB under it: a leak, although as loud as the quiet block given.
    expect(silent(g.apply(block(0.01), under(0.5, 14), true))).toBe(true);
  });
});
