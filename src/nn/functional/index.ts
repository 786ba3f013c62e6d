// torch.nn.functional's public names.
export { binaryCrossEntropyWithLogits, type BceWithLogitsOptions, type Reduction } from "./bce.js";
