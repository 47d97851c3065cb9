import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { RegisterForm } from "@/components/auth/register-form";
import { safeNextPath, withNext } from "@/lib/next-path";
import { getViewer } from "@/lib/server/auth/viewer";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNextPath((await searchParams).next);
  if (await getViewer()) redirect(next ?? "/");
  return (
    <>
      <h1 className="text-2xl font-semibold text-strong">Create an account</h1>
      <p className="mt-1 text-sm text-muted">Join communities, chat with friends, all in real time.</p>
      <RegisterForm next={next} />
      <p className="mt-6 text-sm text-muted">
        Already have an account?{" "}
        <Link href={withNext("/login", next)} className="font-medium text-aura-300 hover:underline">
          Log in
        </Link>
      </p>
    </>
  );
}
