// Applies the theme to <html data-theme>: the chosen one, or the system's while following it (and again
// whenever the system switches).
import { useEffect } from 'react';
import type { Settings } from '../../../src-preload/contract';

const darkQuery = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: Settings['theme'], systemDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return systemDark ? 'dark' : 'light';
  return theme;
}

export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    const media = typeof window.matchMedia === 'function' ? window.matchMedia(darkQuery) : null;
    const apply = () => {
      root.dataset.theme = resolveTheme(theme ?? 'system', media?.matches ?? false);
      root.dataset.themeSetting = theme ?? 'system';
    };
    apply();
    media?.addEventListener('change', apply);
    return () => media?.removeEventListener('change', apply);
  }, [theme]);
}
