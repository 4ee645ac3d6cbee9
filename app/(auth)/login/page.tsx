import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/auth/next-path";
import { currentUser } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const target = safeNextPath(next);
  if (await currentUser()) redirect(target);
  return (
    <main className="auth">
      <div className="card auth-card">
        <div className="card-body">
          <h1 className="auth-title">
            <span className="brand-mark" aria-hidden>◎</span> Loupe
          </h1>
          <p className="muted">Sign in to review traces, score them and build datasets.</p>
          <LoginForm next={target === "/" ? undefined : target} />
        </div>
      </div>
    </main>
  );
}
