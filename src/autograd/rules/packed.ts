// The gradient rule of pack_padded_sequence (src/nn/utils/packed.ts).

import { register, type PackedOp } from "../registry.js";
import { packPaddedSequenceBackward } from "../../nn/utils/packed.js";

interface PackSaved {
  shape: readonly number[];
  batchSizes: readonly number[];
  batchFirst: boolean;
}

export const packedRules = register<PackedOp>({
  packPaddedSequence: {
    name: "PackPaddedSequenceBackward0",
    grads: [(g, s: PackSaved) => packPaddedSequenceBackward(g, s.shape, s.batchSizes, s.batchFirst)],
  },
});
