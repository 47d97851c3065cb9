/**
 * Discord's APP tag beside the name of a bot account (and of a webhook's messages). Screen readers
 * hear "(app)" rather than the letters A-P-P; the tag is text, never colour alone.
 */
export function AppTag() {
  return (
    <span title="An app: an automated account, not a person" className="inline-flex shrink-0 items-center self-center rounded-sm bg-aura-600 px-1 text-[10px] leading-4 font-bold text-white">
      <span aria-hidden>APP</span>
      <span className="sr-only">(app)</span>
    </span>
  );
}
