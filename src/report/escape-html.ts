// Every string that comes from the data (column names, category values, file paths, messages)
// passes through here before it reaches the report, in text and in attribute values alike.

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escape text for HTML content and for double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/**
 * Escape and shorten a label to `maxChars` characters, with an ellipsis; the full text belongs in
 * a tooltip. Cuts by code point so an emoji or other astral character is never split in half.
 */
export function escapeLabel(text: string, maxChars: number): string {
  const chars = Array.from(text);
  const short = chars.length > maxChars ? chars.slice(0, Math.max(1, maxChars - 1)).join("") + "…" : text;
  return escapeHtml(short);
}
