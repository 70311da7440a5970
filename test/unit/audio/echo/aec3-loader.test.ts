// Loading AEC3 from node_modules: the WebAssembly instantiates in Node, and Emscripten's process-wide
// listeners (which rethrow any uncaught error) do not outlive the load.
import { describe, expect, it } from 'vitest';
import { loadAec3 } from '../../../../src-main/core/audio/echo/aec3-loader';

describe('loadAec3', () => {
  it('instantiates the WebAssembly and leaves no process listeners behind', async () => {
    const before = [process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')];
    const module = await loadAec3();
    const aec = new module.AEC3(48_000, 1, 1);
    expect(aec.sampleRate).toBe(48_000);
    aec.free();
    expect([process.listenerCount('uncaughtException'), process.listenerCount('unhandledRejection')]).toEqual(
      before,
    );
    expect(await loadAec3()).toBe(module); // compiled once per process
  });
});
