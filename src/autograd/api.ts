// torch.autograd as users see it: ./index.js and the graph pictures of
// ./graphviz.js (torchviz's make_dot).

export * from "./index.js";
export { toDot, toSvg, type DotOptions, type GraphvizRenderer } from "./graphviz.js";
