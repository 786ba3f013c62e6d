// Type-checked (not run) in the scratch project: the package's declarations
// resolve through its exports map under TypeScript's node16 resolution.
import * as torch from "torchlet";

await torch.init({ simd: "auto" });
const x: torch.Tensor = torch.ones(2, 2, { requiresGrad: true });
const loss = x.mul(x).sum();
loss.backward();
const grad: torch.Tensor | null = x.grad;
const info: torch.BackendInfo = torch.backendInfo();
console.log(String(grad), info.simd);
