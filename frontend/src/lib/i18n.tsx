"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { messages, type Locale, type MessageKey } from "./messages";

const STORAGE_KEY = "nova.locale";
export const LOCALES: Locale[] = ["en", "fr"];

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

type I18n = { locale: Locale; setLocale: (locale: Locale) => void; t: Translate };

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = messages[locale][key] ?? messages.en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

/** The browser's preferred language among ours, unless the user chose one. */
export function detectLocale(stored: string | null, languages: readonly string[]): Locale {
  if (stored === "en" || stored === "fr") return stored;
  for (const language of languages) {
    const base = language.toLowerCase().split("-")[0];
    if (base === "fr" || base === "en") return base;
  }
  return "en";
}

const I18nContext = createContext<I18n>({
  locale: "en",
  setLocale: () => undefined,
  t: (key, vars) => translate("en", key, vars),
});

const CHANGE_EVENT = "nova:locale";

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

function browserLocale(): Locale {
  return detectLocale(window.localStorage.getItem(STORAGE_KEY), navigator.languages ?? [navigator.language]);
}

// The server renders English; the browser's choice applies right after hydration.
const serverLocale = (): Locale => "en";

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const detected = useSyncExternalStore(subscribe, browserLocale, serverLocale);
  const locale = initial ?? detected;

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    window.localStorage.setItem(STORAGE_KEY, next);
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);

  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
