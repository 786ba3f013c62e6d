// Bad-input rows of the int64 casts by name (Tensor.long, Tensor.int).

import { F, J } from "./harness.js";
import { c, method } from "./table.js";

for (const name of ["long", "int"]) {
  method(name, () => [F.a], [c("disposed", (f) => f(J.disposed), Error, /was disposed/)]);
}
