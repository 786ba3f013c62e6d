// torch.special: PyTorch 1.13's functions under their special names. Most
// are the torch ops themselves (same kernels, same nodes: special.expit is
// sigmoid, SigmoidBackward0); ./ops.ts has the ones torch has no op for.

import { sigmoid } from "../ops/unary.js";
import { lgamma, digamma } from "../ops/unaryMath.js";
import { logSoftmax as logSoftmaxOp } from "../ops/softmax.js";

export {
  erfcx,
  ndtri,
  logNdtr,
  ndtr,
  i0,
  i0e,
  i1,
  i1e,
  entr,
  xlog1py,
  zeta,
  multigammaln,
  round,
  type RoundOptions,
} from "./ops.js";
export { expm1, log1p, erf } from "../ops/unary.js";
export { exp2, erfc, erfinv, polygamma, sinc, logit, digamma, type LogitOptions } from "../ops/unaryMath.js";
export { xlogy } from "../ops/binaryMath.js";
export { logsumexp, softmax } from "../ops/softmax.js";

/** torch.special.expit: the logistic sigmoid 1 / (1 + exp(-x)) (torch.sigmoid, SigmoidBackward0). */
export const expit = sigmoid;
/** torch.special.gammaln: log |gamma(x)| (torch.lgamma, LgammaBackward0). */
export const gammaln = lgamma;
/** torch.special.psi: the digamma function (torch.digamma, DigammaBackward0). */
export const psi = digamma;
/** torch.special.log_softmax: log(softmax(x)) along `dim`, optionally computed in `dtype` (LogSoftmaxBackward0). */
export const logSoftmax = logSoftmaxOp;
