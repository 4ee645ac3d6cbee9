"use client";
import { useActionState, useState, useTransition } from "react";
import { ROLES } from "@/lib/auth/roles";
import type { FormState } from "@/lib/forms";
import { addMember, changeRole, removeMember } from "@/lib/projects/actions";
import { keepValuesOnSubmit, useResetOnSuccess } from "@/components/ui/keep-values";

type Member = { userId: string; email: string; name: string | null; role: string; since: string };

export function MembersSection(props: {
  projectId: string;
  currentUserId: string;
  members: Member[];
  canManage: boolean;
  isOwner: boolean;
}) {
  const { projectId, members, canManage, isOwner, currentUserId } = props;
  const [addState, add, adding] = useActionState<FormState, FormData>(addMember, {});
  const formRef = useResetOnSuccess(addState);
  const [roleState, setRole] = useActionState<FormState, FormData>(changeRole, {});
  const [removing, startRemove] = useTransition();
  const [removeError, setRemoveError] = useState<string>();
  const roles = isOwner ? ROLES : ROLES.filter((r) => r !== "owner");
  const error = roleState.error ?? removeError;

  return (
    <section className="card section">
      <div className="card-head">
        <h2 className="card-title">Members</h2>
        <p className="muted small">Owners and admins manage keys and members; members annotate; viewers only read.</p>
      </div>
      <div className="card-body">
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Email</th>
                <th>Name</th>
                <th>Role</th>
                {canManage && <th />}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>
                    {m.email}
                    {m.userId === currentUserId && <span className="muted"> (you)</span>}
                  </td>
                  <td>{m.name}</td>
                  <td>
                    {canManage ? (
                      <form action={setRole}>
                        <input type="hidden" name="projectId" value={projectId} />
                        <input type="hidden" name="userId" value={m.userId} />
                        <select
                          className="select"
                          name="role"
                          defaultValue={m.role}
                          aria-label={`Role of ${m.email}`}
                          onChange={(e) => e.currentTarget.form?.requestSubmit()}
                        >
                          {(m.role === "owner" && !isOwner ? ROLES : roles).map((r) => (
                            <option key={r}>{r}</option>
                          ))}
                        </select>
                      </form>
                    ) : (
                      m.role
                    )}
                  </td>
                  {canManage && (
                    <td>
                      <button
                        className="btn btn-ghost btn-sm"
                        disabled={removing}
                        onClick={() => startRemove(async () => setRemoveError((await removeMember({ projectId, userId: m.userId })).error))}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {canManage && (
          <form ref={formRef} onSubmit={keepValuesOnSubmit(add)} className="form form-inline" style={{ marginTop: 12 }} noValidate>
            <input type="hidden" name="projectId" value={projectId} />
            <label className="field">
              <span className="label">Email</span>
              <input className="input" name="email" type="email" required />
              {addState.fieldErrors?.email && <span className="error-text">{addState.fieldErrors.email}</span>}
            </label>
            <label className="field">
              <span className="label">Role</span>
              <select className="select" name="role" defaultValue="member">
                {roles.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="label">Initial password (new accounts only)</span>
              <input className="input" name="password" type="password" autoComplete="new-password" />
              {addState.fieldErrors?.password && <span className="error-text">{addState.fieldErrors.password}</span>}
            </label>
            <button className="btn btn-primary" type="submit" disabled={adding}>
              {adding ? "Adding…" : "Add member"}
            </button>
            {addState.error && !addState.fieldErrors && <span className="error-text">{addState.error}</span>}
            {addState.ok && <span className="muted">Member added.</span>}
          </form>
        )}
      </div>
    </section>
  );
}
