"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import { type AuditAction, type AuditLogEntry, auditActionSchema, type Community } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { localMoment } from "@/lib/format";
import { AUDIT_ACTION_LABEL, describeChanges, describeTarget, type KnownNames } from "./audit-words";
import { useList } from "./use-list";

const PAGE = 50;

const ACTION_OPTIONS = [
  { value: "", label: "All actions" },
  ...(Object.entries(AUDIT_ACTION_LABEL) as [AuditAction, string][]).map(([value, label]) => ({ value, label })),
];

/** What owners and admins did, newest first, filtered by action and by who did it, a page at a time. */
export function AuditLogPanel({ community }: { community: Community }) {
  const toast = useToast();
  const [action, setAction] = useState("");
  const [actorId, setActorId] = useState("");
  const [entries, setEntries] = useState<AuditLogEntry[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const { items: members } = useList(() => callApi(endpoints.listMembers, { query: { community_id: community.id, limit: 100 } }), community.id);
  const { items: channels } = useList(() => callApi(endpoints.listChannels, { params: { id: community.id } }), community.id);
  // Banned users are no longer members but are often an entry's target.
  const { items: bans } = useList(() => callApi(endpoints.listBans, { params: { id: community.id }, query: { limit: 100 } }), community.id);

  const names = useMemo<KnownNames>(
    () => ({
      users: new Map([...(bans ?? []).map((b) => b.user), ...(members ?? [])].map((u) => [String(u.id), u.display_name])),
      channels: new Map((channels ?? []).map((c) => [String(c.id), c.name])),
    }),
    [members, channels, bans],
  );

  const load = useCallback(
    async (before?: number) => {
      setLoading(true);
      const query = {
        limit: PAGE,
        before: before || undefined,
        action: auditActionSchema.options.find((known) => known === action),
        actor_id: actorId || undefined,
      };
      try {
        const page = await callApi(endpoints.listAuditLog, { params: { id: community.id }, query });
        setEntries((list) => (before && list ? [...list, ...page] : page));
        setHasMore(page.length === PAGE);
      } catch (error) {
        toast.error(error instanceof Error ? error.message : "Could not load the audit log");
      } finally {
        setLoading(false);
      }
    },
    [action, actorId, community.id, toast],
  );

  useEffect(() => {
    setEntries(null);
    void load();
  }, [load]);

  const actorOptions = [{ value: "", label: "Anyone" }, ...(members ?? []).map((m) => ({ value: String(m.id), label: `${m.display_name} (@${m.username})` }))];

  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3">
        <SelectField label="Action" options={ACTION_OPTIONS} value={action} onChange={(event) => setAction(event.target.value)} />
        <SelectField label="Done by" options={actorOptions} value={actorId} onChange={(event) => setActorId(event.target.value)} />
      </div>
      {!entries ? (
        <p className="text-sm text-muted">Loading the audit log…</p>
      ) : entries.length === 0 ? (
        <p className="text-sm text-muted">Nothing recorded{action || actorId ? " for this filter" : " yet"}.</p>
      ) : (
        <ol aria-label="Audit log" className="max-h-96 space-y-1 overflow-y-auto">
          {entries.map((entry) => {
            const target = describeTarget(entry, names);
            const changes = describeChanges(entry.changes);
            return (
              <li key={entry.id} className="rounded-md bg-rail px-3 py-2 text-sm">
                <p>
                  <strong className="text-strong">{entry.actor?.display_name ?? "Deleted User"}</strong> {AUDIT_ACTION_LABEL[entry.action].toLowerCase()}
                  {target && <span className="text-strong"> · {target}</span>}
                  <time dateTime={entry.created_at} className="ml-2 text-xs text-muted">
                    {localMoment(entry.created_at)}
                  </time>
                </p>
                {entry.reason && <p className="text-xs text-muted">Reason: {entry.reason}</p>}
                {changes.length > 0 && (
                  <ul className="mt-1 text-xs text-muted">
                    {changes.map((line) => (
                      <li key={line} className="break-words">
                        {line}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {entries && hasMore && (
        <Button variant="secondary" size="sm" disabled={loading} onClick={() => void load(entries.at(-1)?.id)}>
          {loading ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}
