import { describe, expect, it } from "vitest";
import { feedLine } from "./feeds";

describe("feedLine", () => {
  it("shows every count, kernel drops when readable, restarts with their fault, and escapes names", () => {
    const line = feedLine({
      name: "cot-in<x>", received: 12, malformed: 3, rejectedBySource: 2, rejectedByTime: 1, implausible: 4,
      restarts: 1, lastFault: "Bad \"thing\"", kernelDrops: 0, applied: 2,
    });
    expect(line).toContain("cot-in&lt;x&gt;");
    expect(line).toContain("received <b>12</b> &middot; applied <b>2</b> &middot; malformed <b>3</b>");
    expect(line).toContain("source <b>2</b>, time <b>1</b>, implausible <b>4</b>");
    expect(line).toContain("kernel drops <b>0</b>");
    expect(line).toContain('title="Bad &quot;thing&quot;">restarts <b>1</b>');
  });

  it("leaves out what does not apply", () => {
    const line = feedLine({
      name: "asterix", received: 1, malformed: 0, rejectedBySource: 0, rejectedByTime: 0, implausible: 0,
      restarts: 0, lastFault: null, kernelDrops: null, applied: null,
    });
    expect(line).not.toContain("applied");
    expect(line).not.toContain("kernel");
    expect(line).not.toContain("restarts");
  });
});
