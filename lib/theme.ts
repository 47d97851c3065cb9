/** The colour theme: chosen in the user settings, kept in a cookie the root layout reads. */
export type Theme = "dark" | "light";

export const THEME_COOKIE = "theme";

/** The browser chrome's colour per theme (the rail's surface). */
export const THEME_COLOR: Record<Theme, string> = { dark: "#1e1f22", light: "#e3e5e8" };

/** Dark unless the cookie says light: dark is the default theme. */
export function parseTheme(value: string | undefined): Theme {
  return value === "light" ? "light" : "dark";
}

/** Saves the theme for every later page load (a year, like the other preferences). */
export function saveTheme(theme: Theme): void {
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
}
