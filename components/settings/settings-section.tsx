import { useId } from "react";

/** A titled block of the settings; `danger` marks the one that cannot be undone. */
export function SettingsSection({ title, description, danger, children }: { title: string; description?: string; danger?: boolean; children: React.ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={`space-y-3 rounded-lg p-4 ${danger ? "border border-red-500/50" : "bg-rail/60"}`}>
      <div>
        <h3 id={headingId} className={`text-sm font-bold tracking-wide uppercase ${danger ? "text-red-400" : "text-strong"}`}>
          {title}
        </h3>
        {description && <p className="mt-1 text-sm text-muted">{description}</p>}
      </div>
      {children}
    </section>
  );
}
