// Grad mode: whether ops record the graph (torch.no_grad / enable_grad / set_grad_enabled).

let enabled = true;

/** torch.is_grad_enabled: whether ops record the autograd graph now. */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * torch.set_grad_enabled(flag) as a plain call (not a context manager; use
 * `noGrad(fn)` / `enableGrad(fn)` for a scope).
 */
export function setGradEnabled(flag: boolean): void {
  if (typeof flag !== "boolean")
    throw new TypeError(`setGradEnabled(flag): flag must be a boolean, but got ${typeof flag}`);
  enabled = flag;
}

function withMode<T>(flag: boolean, fn: () => T, name: string): T {
  if (typeof fn !== "function") throw new TypeError(`${name}(fn): fn must be a function`);
  const prev = enabled;
  enabled = flag;
  try {
    const r = fn();
    if (r !== null && typeof r === "object" && typeof (r as { then?: unknown }).then === "function") {
      throw new TypeError(`${name}(fn): fn must be synchronous; grad mode cannot follow an async function`);
    }
    return r;
  } finally {
    enabled = prev;
  }
}

/** Runs `fn` without recording: results do not require grad (torch.no_grad). */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, fn, "noGrad");
}

/** Runs `fn` with recording on, even inside noGrad (torch.enable_grad). */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, fn, "enableGrad");
}
