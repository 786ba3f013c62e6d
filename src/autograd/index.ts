// torch.autograd: grad, gradcheck and functional (jacobian & co.).

export { grad, type GradOptions } from "./grad.js";
export { gradcheck, type GradcheckOptions } from "./gradcheck.js";
export * as functional from "./functionalApi.js";
