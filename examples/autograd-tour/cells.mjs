// The cells of the five PyTorch autograd notebooks (../shared/seeds), ported
// line for line. Each cell is a function whose body is what the tour shows;
// the Python originals, run in real PyTorch, are in test/golden/gen_tour.py
// and their printed output in test/golden/tour.json.

let torch, jacobian, print;
// The notebooks' variables, shared between cells as Python globals are.
let x, y, w, b, z, loss, zDet, inp, out, inputs, a, v, out2, out3, y1, y2, y3;

/** Python's print: tensors as PyTorch prints them, None/True/False spelled the Python way. */
export function pyPrint(...values) {
  const show = (v) =>
    v === null || v === undefined ? "None" : v === true ? "True" : v === false ? "False" : String(v);
  return values.map(show).join(" ");
}

export const expReducer = (x) => x.exp().sum({ dim: 1 });

/** A named cell (named explicitly: bundlers may rename functions). */
const cell = (name, run) => ({ name, run });

export const cells = [
  cell("setup", () => {
    torch.manualSeed(0);
  }),
  cell("bce", () => {
    x = torch.ones(5); // input tensor
    y = torch.zeros(3); // expected output
    w = torch.randn(5, 3, { requiresGrad: true });
    b = torch.randn(3, { requiresGrad: true });
    z = torch.matmul(x, w).add(b);
    loss = torch.nn.functional.binaryCrossEntropyWithLogits(z, y);
    print(`x:${x},\n w:${w},\n b:${b},\n z:${z},\n loss:${loss.item()}`);
  }),
  cell("grad_fns", () => {
    print(`Gradient function for z = ${z.gradFn}`);
    print(`Gradient function for loss = ${loss.gradFn}`);
  }),
  cell("bce_backward", () => {
    loss.backward();
    print(w.grad);
    print(b.grad);
  }),
  cell("no_grad", () => {
    z = torch.matmul(x, w).add(b);
    print(z.requiresGrad);
    z = torch.noGrad(() => torch.matmul(x, w).add(b));
    print(z.requiresGrad);
  }),
  cell("detach", () => {
    z = torch.matmul(x, w).add(b);
    zDet = z.detach();
    print(zDet.requiresGrad);
  }),
  cell("accumulate", () => {
    inp = torch.eye(5, { requiresGrad: true });
    out = inp.add(1).pow(2);
    out.backward(torch.onesLike(inp), { retainGraph: true });
    print(`First call\n${inp.grad}`);
    out.backward(torch.onesLike(inp), { retainGraph: true });
    print(`\nSecond call\n${inp.grad}`);
    inp.grad.zero_();
    out.backward(torch.onesLike(inp), { retainGraph: true });
    print(`\nCall after zeroing gradients\n${inp.grad}`);
  }),
  cell("accumulate_t", () => {
    inp = torch.eye(4, 5, { requiresGrad: true });
    out = inp.add(1).pow(2).t();
    out.backward(torch.onesLike(out), { retainGraph: true });
    print(`First call\n${inp.grad}`);
    out.backward(torch.onesLike(out), { retainGraph: true });
    print(`\nSecond call\n${inp.grad}`);
    inp.grad.zero_();
    out.backward(torch.onesLike(out), { retainGraph: true });
    print(`\nCall after zeroing gradients\n${inp.grad}`);
  }),
  cell("jacobian", () => {
    inputs = torch.rand(2, 3);
    print(jacobian(expReducer, inputs));
  }),
  cell("ones", () => {
    x = torch.ones(2, 2, { requiresGrad: true });
    print(x);
    print(x.gradFn);
  }),
  cell("add", () => {
    y = x.add(2);
    print(y);
    print(y.gradFn);
    print(x.isLeaf, y.isLeaf);
  }),
  cell("mul_mean", () => {
    z = y.mul(y).mul(3);
    out = z.mean();
    print(z, out);
  }),
  cell("requires_grad_method", () => {
    a = torch.randn(2, 2);
    a = a.mul(3).div(a.sub(1));
    print(a.requiresGrad);
    a.requiresGrad_(true);
    print(a.requiresGrad);
    b = a.mul(a).sum();
    print(b.gradFn);
  }),
  cell("backward", () => {
    out.backward();
    print(x.grad);
  }),
  cell("accumulate_sum", () => {
    out2 = x.sum();
    out2.backward();
    print(x.grad);

    out3 = x.sum();
    x.grad.data.zero_();
    out3.backward();
    print(x.grad);
  }),
  cell("view_vjp", () => {
    x = torch.tensor([1.0, 2.0, 3.0, 4.0], { requiresGrad: true });
    y = torch.mul(2, x);
    z = y.view(2, 2);
    print(z);
    v = torch.tensor(
      [
        [1.0, 0.1],
        [0.01, 0.001],
      ],
      { dtype: "float32" },
    );
    z.backward(v);
    print(x.grad);
  }),
  cell("vjp_loop", () => {
    x = torch.randn(3, { requiresGrad: true });

    y = x.mul(2);
    while (y.data.norm().item() < 1000) {
      y = y.mul(2);
    }

    print(y);
  }),
  cell("vjp_backward", () => {
    v = torch.tensor([0.1, 1.0, 0.0001], { dtype: "float32" });
    y.backward(v);

    print(x.grad);
  }),
  cell("requires_grad_flags", () => {
    print(x.requiresGrad);
    print(x.pow(2).requiresGrad);

    torch.noGrad(() => {
      print(x.pow(2).requiresGrad);
    });
  }),
  cell("scalar_no_grad", () => {
    x = torch.tensor(1.0, { requiresGrad: true });
    y1 = x.pow(2);
    y2 = torch.noGrad(() => x.pow(3));
    y3 = y1.add(y2);

    print(x.requiresGrad);
    print(y1, y1.requiresGrad);
    print(y2, y2.requiresGrad);
    print(y3, y3.requiresGrad);
  }),
];

/** A cell's body as the tour shows it. */
export function sourceOf(cell) {
  const text = cell.run.toString();
  const body = text.slice(text.indexOf("{") + 1, text.lastIndexOf("}"));
  const lines = body.split("\n").filter((l, i, all) => !((i === 0 || i === all.length - 1) && l.trim() === ""));
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

/** Runs every cell against `torchModule` (already initialised) and returns each cell's printed output. */
export function runCells(torchModule) {
  torch = torchModule;
  jacobian = torch.autograd.functional.jacobian;
  const outputs = [];
  for (const cell of cells) {
    const lines = [];
    print = (...values) => lines.push(pyPrint(...values) + "\n");
    cell.run();
    outputs.push({ name: cell.name, source: sourceOf(cell), output: lines.join("") });
  }
  return outputs;
}
