import { endpoints } from "@/lib/api/endpoints";
import { endpointUrl } from "@/lib/api-client";

/** A plain download: the browser's cookie signs the request and the answer names the file. */
export function ExportDataLink() {
  return (
    <a
      href={endpointUrl(endpoints.exportAccount)}
      download
      className="inline-flex items-center rounded-md bg-raised px-4 py-2 text-sm font-medium text-strong transition hover:bg-zinc-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-aura-400"
    >
      Export my data
    </a>
  );
}
