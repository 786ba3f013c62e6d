// torch.autograd.functional's public names.
export {
  jacobian,
  hessian,
  vjp,
  jvp,
  hvp,
  vhp,
  type Tensors,
  type FunctionalOptions,
  type JacobianOptions,
} from "./functional.js";
