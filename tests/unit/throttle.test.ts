import { describe, expect, it } from "vitest";
import { attemptSucceeded, beginAttempt, recordFailure, recordSuccess, throttleState } from "@/lib/auth/throttle";

describe("sign-in throttle", () => {
  it("lets three failures through, then doubles the wait, then locks for the window", () => {
    const key = [`email:${Math.random()}`];
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) recordFailure(key, t0);
    expect(throttleState(key, t0)).toEqual({ delayMs: 250, lockedForMs: 0 });
    recordFailure(key, t0);
    expect(throttleState(key, t0).delayMs).toBe(500);
    for (let i = 0; i < 6; i++) recordFailure(key, t0);
    expect(throttleState(key, t0 + 1000)).toEqual({ delayMs: 0, lockedForMs: 15 * 60_000 - 1000 });
    // the window passes: a fresh start
    expect(throttleState(key, t0 + 16 * 60_000)).toEqual({ delayMs: 0, lockedForMs: 0 });
  });

  it("forgets failures after a successful sign-in", () => {
    const key = [`email:${Math.random()}`];
    for (let i = 0; i < 6; i++) recordFailure(key);
    recordSuccess(key);
    expect(throttleState(key)).toEqual({ delayMs: 0, lockedForMs: 0 });
  });

  it("takes the worst of the email and address keys", () => {
    const email = `email:${Math.random()}`;
    const ip = `ip:${Math.random()}`;
    // An address locks at 50 (spraying many accounts), not at an account's 10.
    for (let i = 0; i < 50; i++) recordFailure([ip]);
    expect(throttleState([email, ip]).lockedForMs).toBeGreaterThan(0);
  });

  it("never lets failures against one account lock another account from the same address", () => {
    const ip = `ip:${Math.random()}`;
    const victim = `email:${Math.random()}`;
    const other = `email:${Math.random()}`;
    // Keep trying the victim long past its lock: locked attempts are not counted.
    for (let i = 0; i < 100; i++) beginAttempt([victim, ip]);
    expect(throttleState([victim, ip]).lockedForMs).toBeGreaterThan(0);
    expect(throttleState([other, ip])).toEqual({ delayMs: 0, lockedForMs: 0 });
  });

  it("counts an attempt before its outcome is known, so the eleventh concurrent attempt is refused", () => {
    const key = [`email:${Math.random()}`];
    const states = Array.from({ length: 12 }, () => beginAttempt(key));
    expect(states.filter((s) => s.lockedForMs === 0)).toHaveLength(10);
    expect(states.slice(10).every((s) => s.lockedForMs > 0)).toBe(true);
  });

  it("on success clears the account but takes back only that attempt from the address", () => {
    const ip = `ip:${Math.random()}`;
    const account = `email:${Math.random()}`;
    for (let i = 0; i < 18; i++) recordFailure([ip]);
    for (let i = 0; i < 3; i++) beginAttempt([account, ip]); // two wrong, then the right password
    attemptSucceeded(account, [ip]);
    expect(throttleState([account])).toEqual({ delayMs: 0, lockedForMs: 0 });
    expect(throttleState([ip])).toEqual({ delayMs: 250, lockedForMs: 0 }); // 20 failures: the first delayed step
  });
});
