"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * What `lookUp` answers for each id, asked once per id as it is first needed; null where it failed
 * (a channel the viewer can no longer read, a deleted account). `update` changes a known value, for
 * live events.
 */
export function useLookedUp<V>(ids: readonly number[], lookUp: (id: number) => Promise<V>) {
  const [known, setKnown] = useState<ReadonlyMap<number, V | null>>(new Map());
  const asked = useRef(new Set<number>());
  const latestLookUp = useRef(lookUp);
  useEffect(() => {
    latestLookUp.current = lookUp;
  });

  const wanted = [...new Set(ids)].sort((a, b) => a - b).join(",");
  useEffect(() => {
    if (!wanted) return;
    for (const id of wanted.split(",").map(Number)) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      latestLookUp.current(id).then(
        (value) => setKnown((map) => new Map(map).set(id, value)),
        () => setKnown((map) => new Map(map).set(id, null)),
      );
    }
  }, [wanted]);

  const update = useCallback((id: number, change: (value: V) => V) => {
    setKnown((map) => {
      const value = map.get(id);
      return value ? new Map(map).set(id, change(value)) : map;
    });
  }, []);

  return { known, update };
}
