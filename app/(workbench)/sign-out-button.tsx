import { signOut } from "@/lib/auth/actions";

/** Sign out as a plain form post (works without client code): a button on a page, or an item in the shell's menu. */
export function SignOutButton({ variant = "button" }: { variant?: "button" | "menu" }) {
  return (
    <form action={signOut}>
      <button className={variant === "menu" ? "menu-item" : "btn btn-ghost btn-sm"} type="submit">
        Sign out
      </button>
    </form>
  );
}
