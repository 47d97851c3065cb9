"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Avatar, type PresenceStatus } from "@/components/ui/avatar";

interface PersonRowProps {
  name: string;
  username: string;
  avatarUrl: string | null;
  status?: PresenceStatus;
  subtitle: string;
  /** Clicking the row (outside its buttons) opens this, as in Discord; the actions stay the keyboard way. */
  href?: string;
  children: React.ReactNode;
}

/** One person in a friends list: who they are on the left, round actions on the right. */
export function PersonRow({ name, username, avatarUrl, status, subtitle, href, children }: PersonRowProps) {
  const router = useRouter();
  return (
    <li
      onClick={(event) => {
        if (href && !(event.target as HTMLElement).closest("a, button, [role=menu]")) router.push(href);
      }}
      className={`group flex items-center gap-3 rounded-lg border-t border-raised px-2.5 py-2.5 hover:rounded-lg hover:border-transparent hover:bg-raised/50 ${href ? "cursor-pointer" : ""}`}
    >
      <Avatar name={name} url={avatarUrl} status={status} size={32} />
      <div className="min-w-0 flex-1 leading-tight">
        <p className="truncate">
          <span className="font-semibold text-strong">{name}</span>
          <span className="ml-1.5 hidden text-sm text-muted group-hover:inline">@{username}</span>
        </p>
        <p className="truncate text-xs text-muted">{subtitle}</p>
      </div>
      <div className="flex shrink-0 items-center gap-2.5">{children}</div>
    </li>
  );
}

const ROUND = "grid size-9 place-items-center rounded-full bg-sidebar text-muted transition focus-visible:outline-2 focus-visible:outline-aura-400";

/** A round icon action with its name as a tooltip. */
export function RoundButton({ label, tone = "normal", ...props }: React.ButtonHTMLAttributes<HTMLButtonElement> & { label: string; tone?: "normal" | "accept" | "danger" }) {
  const hover = tone === "accept" ? "hover:text-emerald-400" : tone === "danger" ? "hover:text-red-400" : "hover:text-strong";
  return <button type="button" aria-label={label} title={label} className={`${ROUND} ${hover}`} {...props} />;
}

export function RoundLink({ label, href, children }: { label: string; href: string; children: React.ReactNode }) {
  return (
    <Link href={href} aria-label={label} title={label} className={`${ROUND} hover:text-strong`}>
      {children}
    </Link>
  );
}
