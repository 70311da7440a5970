// What jsdom lacks for this UI: layout. The virtualizer measures its scroll element and rows; give them
// a fixed viewport and row height so it renders a realistic window of rows.
import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

export const viewportHeight = 600;
export const rowHeight = 60;

class StubResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= StubResizeObserver as unknown as typeof ResizeObserver;

const rect = (height: number) =>
  ({
    x: 0,
    y: 0,
    top: 0,
    left: 0,
    bottom: height,
    right: 800,
    width: 800,
    height,
    toJSON: () => ({}),
  }) as DOMRect;

Element.prototype.getBoundingClientRect = function (this: Element) {
  if (this.hasAttribute('data-index')) return rect(rowHeight);
  if (this.classList.contains('transcript')) return rect(viewportHeight);
  return rect(0);
};
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get(this: HTMLElement) {
    if (this.hasAttribute('data-index')) return rowHeight;
    return this.classList.contains('transcript') ? viewportHeight : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 800 });
Object.defineProperty(Element.prototype, 'clientHeight', {
  configurable: true,
  get(this: Element) {
    return this.classList.contains('transcript') ? viewportHeight : 0;
  },
});
Object.defineProperty(Element.prototype, 'clientWidth', { configurable: true, get: () => 800 });
Object.defineProperty(Element.prototype, 'scrollHeight', {
  configurable: true,
  get(this: Element) {
    const sizer = this.querySelector(':scope > .transcript-sizer') as HTMLElement | null;
    return sizer ? Math.max(parseFloat(sizer.style.height) || 0, viewportHeight) : 0;
  },
});
// jsdom keeps scrollTop at 0; store it so scrolling to the newest turn can be observed.
const scrollTops = new WeakMap<Element, number>();
Object.defineProperty(Element.prototype, 'scrollTop', {
  configurable: true,
  get(this: Element) {
    return scrollTops.get(this) ?? 0;
  },
  set(this: Element, value: number) {
    scrollTops.set(this, value);
    this.dispatchEvent(new Event('scroll'));
  },
});
Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
  if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
};
HTMLElement.prototype.setPointerCapture ??= function () {};
HTMLElement.prototype.releasePointerCapture ??= function () {};
HTMLElement.prototype.hasPointerCapture ??= () => false;
window.matchMedia ??= ((query: string) => ({
  matches: false,
  media: query,
  onchange: null,
  addEventListener: () => {},
  removeEventListener: () => {},
  addListener: () => {},
  removeListener: () => {},
  dispatchEvent: () => false,
})) as typeof window.matchMedia;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
