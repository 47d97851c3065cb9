"use client";

import { useState } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  description: string;
  /** The danger button's label, e.g. "Kick". */
  confirmLabel: string;
  /** "primary" where confirming loses nothing (pinning a message). */
  confirmVariant?: "danger" | "primary";
  busy?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  /** What is at stake, shown above the buttons (e.g. the message about to be deleted). */
  children?: React.ReactNode;
}

/** Asks before something that cannot be undone, in the app's own dialog (never window.confirm). */
export function ConfirmDialog({ open, title, description, confirmLabel, confirmVariant = "danger", busy = false, onCancel, onConfirm, children }: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onCancel} title={title} description={description}>
      {children}
      <div className={`flex justify-end gap-2 ${children ? "mt-4" : ""}`}>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button variant={confirmVariant} disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}

export interface Question {
  title: string;
  description: string;
  confirmLabel: string;
  /** Runs on confirmation; the dialog closes when it settles. */
  run: () => Promise<void>;
}

/**
 * One confirmation at a time for a screen's destructive buttons: `ask({ … })` opens the dialog,
 * and `dialog` is rendered once by the screen.
 */
export function useConfirmation(): { ask: (question: Question) => void; dialog: React.ReactNode } {
  const [question, setQuestion] = useState<Question | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = (
    <ConfirmDialog
      open={question !== null}
      title={question?.title ?? ""}
      description={question?.description ?? ""}
      confirmLabel={question?.confirmLabel ?? ""}
      busy={busy}
      onCancel={() => setQuestion(null)}
      onConfirm={async () => {
        if (!question) return;
        setBusy(true);
        try {
          await question.run();
        } finally {
          setBusy(false);
          setQuestion(null);
        }
      }}
    />
  );
  return { ask: setQuestion, dialog };
}
