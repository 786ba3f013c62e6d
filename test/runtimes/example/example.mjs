// A user's first program, run from a scratch project with the packed torchlet
// installed (test/runtimes/pack.ts), in Node and in Deno. Its output must be
// PyTorch's for the same program (test/golden/autograd.json, seed_tour).
import * as torch from "torchlet";

await torch.init();
const x = torch.ones(2, 2, { requiresGrad: true });
const y = x.add(2);
const z = y.mul(y).mul(3);
const out = z.mean();
console.log(String(out));
out.backward();
console.log(String(x.grad));
