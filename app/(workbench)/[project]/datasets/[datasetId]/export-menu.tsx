// The "Export" menu: plain links (the export route streams the file), each
// with the items table's current filter.
const FORMATS = [
  { format: "jsonl", label: "JSONL", hint: "one item per line" },
  { format: "csv", label: "CSV", hint: "input, expected output, metadata as JSON" },
  { format: "openai", label: "OpenAI fine-tuning JSONL", hint: "{\"messages\": [...]} from chat-shaped input" },
] as const;

export function ExportMenu({ href, filterQuery }: { href: string; filterQuery: string }) {
  return (
    <details className="menu">
      <summary className="btn btn-secondary btn-sm">Export ▾</summary>
      <div className="menu-panel" role="menu" aria-label="Export formats">
        {filterQuery && <div className="menu-label">With the current filter</div>}
        {FORMATS.map((f) => (
          <a key={f.format} className="menu-item" role="menuitem" href={`${href}?format=${f.format}${filterQuery ? `&${filterQuery}` : ""}`}>
            <span className="grow">{f.label}</span>
            <span className="faint small">{f.hint}</span>
          </a>
        ))}
      </div>
    </details>
  );
}
