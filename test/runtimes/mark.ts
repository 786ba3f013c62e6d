/** The prefix of the one line a runtime prints its JSON report on. */
export const MARK = "@@torchlet-report ";
