export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-raised/70 ${className}`} />;
}

/** Placeholder rows while a message pane loads. */
export function MessageSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <div className="space-y-5 p-4" role="status" aria-label="Loading messages">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex gap-3">
          <Skeleton className="size-10 rounded-full" />
          <div className="flex-1 space-y-2">
            <Skeleton className="h-3 w-32" />
            <Skeleton className={`h-3 ${i % 2 ? "w-2/3" : "w-5/6"}`} />
          </div>
        </div>
      ))}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: React.ReactNode; action?: React.ReactNode }) {
  return (
    <div className="mx-auto flex max-w-sm flex-col items-center px-6 py-12 text-center">
      <div aria-hidden className="mb-4 grid size-16 place-items-center rounded-full bg-raised text-2xl">✦</div>
      <h2 className="text-lg font-semibold text-strong">{title}</h2>
      {children && <div className="mt-1 text-sm text-muted">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

/** A red count pill (unread messages, pending requests); `label` is what screen readers hear. */
export function CountBadge({ count, label }: { count: number; label: string }) {
  return (
    <span className="min-w-5 shrink-0 rounded-full bg-red-600 px-1.5 text-center text-xs leading-5 font-bold text-white">
      <span aria-hidden>{count > 99 ? "99+" : count}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
