import { describe, expect, it } from "vitest";
import { recordFailure, recordSuccess, throttleState } from "@/lib/auth/throttle";

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
    for (let i = 0; i < 10; i++) recordFailure([ip]);
    expect(throttleState([email, ip]).lockedForMs).toBeGreaterThan(0);
  });
});
