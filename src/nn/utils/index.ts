// torch.nn.utils: gradient clipping and parameter/vector conversion.
export { clipGradNorm_, clipGradValue_, type ClipGradNormOptions } from "./clipGrad.js";
export { parametersToVector, vectorToParameters } from "./convertParameters.js";
/** torch.nn.utils.rnn: padSequence, packSequence, packPaddedSequence, padPackedSequence and PackedSequence. */
export * as rnn from "./rnn.js";
