"use client";
// "Add to dataset" for one trace or observation, opening the promote dialog.
import { useState } from "react";
import { Button, type ButtonSize } from "../ui/button";
import type { DatasetChoice } from "./dataset-picker";
import { PromoteDialog, type PromoteTarget } from "./promote-dialog";

export function PromoteButton({ projectId, datasets, target, label = "Add to dataset", size = "sm" }: { projectId: string; datasets: DatasetChoice[]; target: PromoteTarget; label?: string; size?: ButtonSize }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={size} onClick={() => setOpen(true)}>
        {label}
      </Button>
      {/* Mounted while open, so each opening starts from the defaults and the current datasets. */}
      {open && <PromoteDialog projectId={projectId} datasets={datasets} target={target} open={open} onOpenChange={setOpen} />}
    </>
  );
}
