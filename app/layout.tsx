import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { parseTheme, THEME_COLOR, THEME_COOKIE } from "@/lib/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Auraflow", template: "%s · Auraflow" },
  description: "Real-time communities, channels, direct messages and friends.",
};

async function savedTheme() {
  return parseTheme((await cookies()).get(THEME_COOKIE)?.value);
}

export async function generateViewport(): Promise<Viewport> {
  return { themeColor: THEME_COLOR[await savedTheme()], width: "device-width", initialScale: 1 };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry the nonce of that response's CSP (proxy.ts).
  await connection();
  const theme = await savedTheme();
  return (
    <html lang="en" className={`${theme === "dark" ? "dark " : ""}${GeistSans.variable}`} style={{ colorScheme: theme }}>
      <body className="font-sans antialiased">{children}</body>
    </html>
  );
}
