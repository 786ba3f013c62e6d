// Every test file starts with torchlet initialised (the default, baseline-or-relaxed choice).
import { beforeAll } from "vitest";
import * as torch from "../../src/index.js";

beforeAll(async () => {
  await torch.init();
});
