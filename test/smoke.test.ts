import { test } from "vitest";
import * as torch from "../src/index";
test("smoke", async () => {
  await torch.init();
  const x = torch.ones(2, 2, { requiresGrad: true });
  console.log(String(x));
  const y = x.add(2);
  console.log(String(y), String(y.gradFn));
  const z = y.mul(y).mul(3);
  const out = z.mean();
  console.log(String(z), String(out));
  out.backward();
  console.log(String(x.grad));
  const a = torch.tensor([0.1, 1.0, 0.0001]);
  console.log(String(a.mul(512)));
  console.log(String(torch.arange(12).view(3, 4).t()));
  console.log(String(torch.eye(5)));
  console.log(torch.memory());
});
