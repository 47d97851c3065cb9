"use client";

import { useCallback, useEffect, useState } from "react";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/api-client";

/** A list a settings panel shows: loaded from `path`, then edited locally as actions succeed. */
export function useList<T>(path: string) {
  const toast = useToast();
  const [items, setItems] = useState<T[] | null>(null);
  useEffect(() => {
    apiFetch<T[]>(path).then(setItems, (error) => toast.error(error instanceof Error ? error.message : "Could not load the list"));
  }, [path, toast]);
  const remove = useCallback((keep: (item: T) => boolean) => setItems((list) => list && list.filter(keep)), []);
  return { items, setItems, remove };
}
