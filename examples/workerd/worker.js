// A Cloudflare Worker that runs the README's first program: GET / answers
// with what PyTorch prints for it (npm test checks the answer against
// PyTorch 1.13's output, test/golden/autograd.json "seed_tour").
import * as torch from "torchlet";

export default {
  async fetch(request) {
    if (new URL(request.url).pathname !== "/") return new Response("not found", { status: 404 });
    await torch.init(); // once per isolate; later calls return at once
    const text = torch.tidy(() => {
      const x = torch.ones(2, 2, { requiresGrad: true });
      const y = x.add(2);
      const out = y.mul(y).mul(3).mean();
      out.backward();
      return `${String(out)}\n${String(x.grad)}\n`;
    });
    return new Response(text, { headers: { "content-type": "text/plain; charset=utf-8" } });
  },
};
