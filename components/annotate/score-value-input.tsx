"use client";
// The value control for one score config: a number field (range from the config),
// or a select of its categories / true-false.
import { Input, Select } from "@/components/ui/input";
import { configOptions, type ScoreConfigView } from "@/lib/scores/schemas";

export function ScoreValueInput({
  config,
  id,
  name = "value",
  value,
  onChange,
  size,
}: {
  config: ScoreConfigView;
  id?: string;
  name?: string;
  value: string;
  onChange: (v: string) => void;
  size?: "sm" | "md";
}) {
  if (config.dataType === "NUMERIC") {
    return (
      <Input
        id={id}
        name={name}
        type="number"
        step="any"
        size={size}
        inputMode="decimal"
        min={config.minValue ?? undefined}
        max={config.maxValue ?? undefined}
        placeholder={config.minValue !== null && config.maxValue !== null ? `${config.minValue} – ${config.maxValue}` : "number"}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
        style={{ width: 120 }}
      />
    );
  }
  return (
    <Select id={id} name={name} size={size} value={value} onChange={(e) => onChange(e.target.value)} placeholder="Pick…" options={configOptions(config)} required />
  );
}
