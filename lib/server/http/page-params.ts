import { notFound } from "next/navigation";
import { idString } from "@/lib/validations/common";
import { ApiError } from "../errors";

/** A numeric id from a page's URL, or the not-found page. */
export function pageId(value: string): number {
  const parsed = idString.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** Runs a domain read for a page; "not found" (including "not yours") shows the not-found page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  }
}
