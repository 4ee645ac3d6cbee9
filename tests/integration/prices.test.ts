// Per-project model prices through the Langfuse-compatible models API, and
// their effect on ingestion cost.
import { describe, expect, it } from "vitest";
import { api, targets, uid, type TestTarget } from "../support/targets";

async function ingestGeneration(t: TestTarget, model: string, usage: Record<string, number>, extra: Record<string, unknown> = {}) {
  const res = await api(t, "/api/public/traces", {
    method: "POST",
    body: JSON.stringify({ name: "priced", observations: [{ type: "generation", name: "llm", model, usage, ...extra }] }),
  });
  const { id } = await res.json();
  const trace = await (await api(t, `/api/public/traces/${id}`)).json();
  return trace.observations[0];
}

describe.each(targets())("model prices on $name", (t) => {
  it("prices a custom model from a project override, and the override wins over the built-in price", async () => {
    const name = uid("my-finetune");
    const created = await api(t, "/api/public/models", {
      method: "POST",
      body: JSON.stringify({ modelName: name, matchPattern: `^${name}(-v\\d+)?$`, inputPrice: 0.000001, outputPrice: 0.000002 }),
    });
    expect(created.status).toBe(200);
    const model = await created.json();
    expect(model).toMatchObject({ modelName: name, inputPrice: 0.000001, outputPrice: 0.000002 });

    const gen = await ingestGeneration(t, `${name}-v2`, { input: 1000, output: 500 });
    expect(gen.calculatedTotalCost).toBeCloseTo(0.001 + 0.001, 12);

    // a project price for a built-in model replaces the built-in one
    const gpt = uid("gpt-4o-override");
    await api(t, "/api/public/models", { method: "POST", body: JSON.stringify({ modelName: gpt, matchPattern: "^gpt-4o-2099-01-01$", inputPrice: 0.001, outputPrice: 0 }) });
    const overridden = await ingestGeneration(t, "gpt-4o-2099-01-01", { input: 10, output: 10 });
    expect(overridden.calculatedTotalCost).toBeCloseTo(0.01, 12);

    // a cost sent by the client wins over any price
    const provided = await ingestGeneration(t, `${name}-v2`, { input: 1000, output: 500 }, { cost: 0.5 });
    expect(provided.calculatedTotalCost).toBe(0.5);

    const listed = await (await api(t, "/api/public/models?limit=100")).json();
    expect(listed.data.map((m: { id: string }) => m.id)).toContain(model.id);
    expect((await api(t, `/api/public/models/${model.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await api(t, `/api/public/models/${model.id}`)).status).toBe(404);
  });

  it("names the wrong field of a bad price, and refuses a duplicate model name", async () => {
    const bad = await api(t, "/api/public/models", { method: "POST", body: JSON.stringify({ modelName: "x", matchPattern: "([", inputPrice: -1 }) });
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["matchPattern", "prices.input"]));
    const name = uid("dup");
    const body = JSON.stringify({ modelName: name, matchPattern: `^${name}$`, inputPrice: 1e-6 });
    expect((await api(t, "/api/public/models", { method: "POST", body })).status).toBe(200);
    const dup = await api(t, "/api/public/models", { method: "POST", body });
    expect(dup.status).toBe(409);
  });

  it("prices every provider's current models out of the box", async () => {
    for (const model of ["gpt-4.1-mini", "claude-sonnet-4-20250514", "gemini-2.5-flash", "mistral-large-latest", "openai/gpt-4o-2024-08-06"]) {
      const gen = await ingestGeneration(t, model, { input: 1000, output: 1000 });
      expect(gen.calculatedTotalCost, model).toBeGreaterThan(0);
    }
  });
});
