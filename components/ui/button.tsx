import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-aura-600 text-white hover:bg-aura-700",
  secondary: "bg-raised text-strong hover:bg-zinc-600",
  danger: "bg-red-600 text-white hover:bg-red-700",
  ghost: "text-normal hover:bg-raised hover:text-strong",
  success: "bg-emerald-700 text-white hover:bg-emerald-800",
} as const;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof VARIANTS;
  size?: "sm" | "md";
}

export function Button({ variant = "primary", size = "md", className = "", type = "button", ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md font-medium transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-aura-400 disabled:cursor-not-allowed disabled:opacity-60 ${
        size === "sm" ? "px-2.5 py-1 text-sm" : "px-4 py-2 text-sm"
      } ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}

/** A square icon button with an accessible name. */
export function IconButton({ label, className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { label: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      className={`grid size-8 place-items-center rounded-md text-muted transition hover:bg-raised hover:text-strong focus-visible:outline-2 focus-visible:outline-aura-400 ${className}`}
      {...props}
    />
  );
}
