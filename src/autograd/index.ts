// torch.autograd: grad, gradcheck and functional (jacobian & co.).

export { grad, type GradOptions } from "./grad.js";
export { gradcheck, type GradcheckOptions } from "./gradcheck.js";
/** torch.autograd.functional: jacobian, hessian, vjp, jvp, hvp and vhp, built on autograd.grad. */
export * as functional from "./functionalApi.js";
export { Function, FunctionCtx } from "./customFunction.js";
