import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeNextPath, withNext } from "@/lib/next-path";
import { getViewer } from "@/lib/server/auth/viewer";
import { loginNoticeText } from "@/lib/login-notice";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  if (await getViewer()) redirect(next ?? "/");
  const notice = loginNoticeText(params.notice);
  return (
    <>
      {notice && (
        <p role="status" className="mb-4 rounded-md border border-aura-400/40 bg-aura-500/10 px-3 py-2 text-sm text-strong">
          {notice}
        </p>
      )}
      <h1 className="text-2xl font-semibold text-strong">Welcome back!</h1>
      <p className="mt-1 text-sm text-muted">We&apos;re so excited to see you again.</p>
      <LoginForm next={next} />
      <p className="mt-6 text-sm text-muted">
        Need an account?{" "}
        <Link href={withNext("/register", next)} className="font-medium text-aura-300 hover:underline">
          Register
        </Link>
      </p>
    </>
  );
}
