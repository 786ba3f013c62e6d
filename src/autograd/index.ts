// torch.autograd: grad (and, in functional, jacobian & co.).

export { grad, type GradOptions } from "./grad.js";
