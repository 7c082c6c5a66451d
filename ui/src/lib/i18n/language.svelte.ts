import { en, id, type Lang, type Messages } from './catalogue';

const STORAGE_KEY = 'ikp.lang';
const catalogues: Record<Lang, Messages> = { id, en };

function storedLanguage(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'id' || saved === 'en') return saved;
  } catch {
    // Storage can be unavailable (private mode, locked profile): fall back to Indonesian.
  }
  return 'id';
}

const initial = storedLanguage();
let current = $state<Lang>(initial);
document.documentElement.lang = initial;

export const language = {
  get current(): Lang {
    return current;
  },
  set(lang: Lang): void {
    current = lang;
    document.documentElement.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Not persisting is acceptable; the choice still applies until the app closes.
    }
  },
  toggle(): void {
    this.set(current === 'id' ? 'en' : 'id');
  },
};

/**
 * The messages of the current language. Reading it inside markup or $derived
 * subscribes to language changes, so `{t().setupTitle}` re-renders on toggle.
 */
export function t(): Messages {
  return catalogues[current];
}
