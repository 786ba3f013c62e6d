// torch.linalg: the linear-algebra namespace (multiDot so far).
export { multiDot } from "../ops/multiDot.js";
