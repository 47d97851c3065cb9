export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center bg-[radial-gradient(ellipse_at_top,_#4c1d95_0%,_#1e1f22_55%)] px-4 py-12">
      <div className="w-full max-w-md rounded-xl bg-sidebar p-8 shadow-2xl shadow-black/40">
        <div className="mb-6 flex items-center gap-3">
          <span aria-hidden className="grid size-10 place-items-center rounded-2xl bg-gradient-to-br from-aura-400 to-aura-700 text-lg font-bold text-white">
            A
          </span>
          <span className="text-xl font-semibold text-strong">Auraflow</span>
        </div>
        {children}
      </div>
    </main>
  );
}
