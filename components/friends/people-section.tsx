/** A titled list of people with its count, as each Friends panel shows them. */
export function PeopleSection({ title, label, count, children }: { title: string; label: string; count: number; children: React.ReactNode }) {
  return (
    <>
      <h2 className="px-2.5 pt-4 pb-2 text-xs font-bold tracking-wide text-muted uppercase">
        {title} — {count}
      </h2>
      <ul aria-label={label}>{children}</ul>
    </>
  );
}
