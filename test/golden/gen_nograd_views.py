"""Golden data for views made in no_grad mode (test/views.nograd.test.ts).

In PyTorch a view of a tensor that requires grad requires grad too, also when
it was made under no_grad: it is then a leaf with no grad_fn and no
AccumulateGrad of its own, ops on it record the edge (None, 0), and backward
through it reaches neither its .grad nor its base's. Views in grad mode of
such a view get grad_fns; in-place ops on it with grad mode on fail.

The cases are step programs of the "views" kind of gen_inplace.py, run by the
same runner there (run_steps, observe; taken from its source, so its cases do
not run) and in test/helpers/viewSteps.ts, plus steps of this family:
["requiresGrad_", name, flag], ["retainGrad", name], ["hook", name, id,
scale?] (register_hook: the hook saves a copy of each grad it sees and, with a
scale, returns grad * scale) and ["removeHook", id]; `gradOf`: the names whose
.grad is recorded after the steps (as `dotGrad`); and `hookGrads`: by hook id,
the grads each hook saw during the steps. Last, leaves whose requires_grad is
turned off after ops recorded edges to them (flag_off_*).
"""
import ast
import os

import torch

from common import Recorder, spec, rand, value_json
from elementwise_cases import dense, Seeds

here = os.path.dirname(os.path.abspath(__file__))


def step_language():
    """gen_inplace.py's step runner (view_op, run_steps, first_error, node_name, observe), without running its cases."""
    path = os.path.join(here, "gen_inplace.py")
    with open(path) as f:
        tree = ast.parse(f.read(), path)
    wanted = {"view_op", "run_steps", "first_error", "node_name", "observe"}
    body = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)) or (isinstance(n, ast.FunctionDef) and n.name in wanted)]
    ns = {}
    exec(compile(ast.Module(body=body, type_ignores=[]), path, "exec"), ns)
    return ns


lang = step_language()
r = Recorder("nograd_views")
seeds = Seeds(9000)


def case(name, tensors, steps, observe_names=(), loss=None, grad_of=()):
    env, leaves, run = lang["run_steps"](tensors, steps)
    seen, handles = {}, {}

    def hook(saved, scale):
        def fn(g):
            saved.append(g.clone())
            return g * scale[0] if scale else None
        return fn

    def step(s):
        if s[0] == "requiresGrad_":
            env[s[1]].requires_grad_(s[2])
        elif s[0] == "retainGrad":
            env[s[1]].retain_grad()
        elif s[0] == "hook":
            _, name, hid, *scale = s
            handles[hid] = env[name].register_hook(hook(seen.setdefault(hid, []), scale))
        elif s[0] == "removeHook":
            handles[s[1]].remove()
        else:
            run(s)

    fields = dict(kind="views", tensors=tensors, steps=steps, observe=list(observe_names), loss=loss, double=False)
    if grad_of:
        fields["gradOf"] = list(grad_of)
    failed = lang["first_error"](step, steps)
    if failed:
        r.add(name, error=failed[1], errorStep=failed[0], **fields)
        return
    rec = dict(obs=[lang["observe"](env[n]) for n in observe_names])
    if grad_of:
        rec["dotGrad"] = [value_json(env[n].grad) for n in grad_of]
    if seen:
        rec["hookGrads"] = {hid: value_json(gs) for hid, gs in seen.items()}
    if loss is not None:
        out = env[loss]
        w = rand(list(out.shape), seeds.next(), dtype=out.dtype)
        grads = torch.autograd.grad((out * w).sum(), leaves, allow_unused=True)
        rec.update(weight=w, grads=dense(grads))
    r.add(name, **rec, **fields)


LEAF = {"spec": spec(rand([4, 3], 90)), "grad": True}
PLAIN = {"spec": spec(rand([4, 3], 91))}


def ng(s):
    return ["nograd", s]


B = [["let", "b", "mul", "a", 1.5]]
V = ng(["let", "v", "select", "a", 0, 1])  # a [3] view of the leaf, made under no_grad
BACKWARD = [["let", "c", "mul", "v", 2], ["let", "s", "sum", "c"], ["backward", "s"]]

# Every view op under no_grad, of a leaf and of a non-leaf: requires_grad, a leaf, printed with requires_grad=True;
# an op on it records (None, 0); a view of it in grad mode gets a grad_fn; no grad reaches the leaf.
VIEWS = {
    "select": ["select", 0, 1],
    "narrow": ["narrow", 1, 1, 2],
    "slice_step": ["slice", 0, 0, None, 2],
    "transpose": ["transpose", 0, 1],
    "t": ["t"],
    "view": ["view", [2, 6]],
    "reshape": ["reshape", [12]],
    "flatten": ["flatten"],
    "permute": ["permute", [1, 0]],
    "unsqueeze": ["unsqueeze", 1],
    "squeeze": ["squeeze"],
    "expand": ["expand", [2, 4, 3]],
    "split": ["split", 2, 0, 1],
    "chunk": ["chunk", 3, 1, 0],
    "unbind": ["unbind", 0, 2],
}
for vname, (op, *args) in VIEWS.items():
    case(f"{vname}_of_leaf", {"a": LEAF}, [ng(["let", "v", op, "a", *args]), ["let", "c", "mul", "v", 2], ["let", "u", "unsqueeze", "v", 0]],
         ["v", "c", "u"], loss="c")
    case(f"{vname}_of_nonleaf", {"a": LEAF}, B + [ng(["let", "v", op, "b", *args]), ["let", "c", "exp", "v"]], ["v", "c"], loss="v")
    case(f"{vname}_mul__err", {"a": LEAF}, B + [ng(["let", "v", op, "b", *args]), ["inplace", "mul_", "v", 2]])

# backward through it: .grad of neither the view nor its base; in a view of it made in grad mode neither.
case("backward_grads_none", {"a": LEAF}, [V] + BACKWARD, ["v", "c"], grad_of=["a", "v"])
case("grad_mode_view_backward", {"a": LEAF}, [V, ["let", "u", "view", "v", [3, 1]], ["let", "s", "sum", "u"], ["backward", "s"]],
     ["u"], grad_of=["a", "v"])
case("nonleaf_backward_grads_none", {"a": LEAF}, B + [ng(["let", "v", "narrow", "b", 0, 1, 2])] + BACKWARD, ["v"], grad_of=["a"])
# Used with tensors that require grad: only their grads flow.
case("operand_of_mul", {"a": LEAF}, B + [V, ["let", "c", "mul", "b", "$v"]], ["c"], loss="c")
case("operand_of_add_nonleaf", {"a": LEAF}, B + [ng(["let", "v", "t", "b"]), ["let", "c", "add", "v", 1], ["let", "d", "mul", "b", 2]],
     ["c", "d"], loss="d")
# Views of it: under no_grad a leaf again; in grad mode a grad_fn with the edge (None, 0).
case("nograd_view_of_it", {"a": LEAF}, [V, ng(["let", "u", "narrow", "v", 0, 0, 2])], ["v", "u"], loss="u")
case("grad_mode_view_chain", {"a": LEAF}, [V, ["let", "u", "narrow", "v", 0, 1, 2], ["let", "x", "expand", "u", [3, 2]]], ["u", "x"], loss="x")
case("detach", {"a": LEAF}, [V, ["let", "d", "detach", "v"]], ["d"])
# retain_grad is a no-op on it (a leaf); requires_grad_(False) leaves requires_grad True (its base requires grad).
case("retain_grad", {"a": LEAF}, [V, ["retainGrad", "v"]] + BACKWARD, ["v"], grad_of=["a", "v"])
case("requires_grad_false", {"a": LEAF}, [V, ["requiresGrad_", "v", False]], ["v"], loss="v")
case("requires_grad_false_backward", {"a": LEAF}, [V, ["requiresGrad_", "v", False]] + BACKWARD, ["v"], grad_of=["a", "v"])
# requires_grad_(True) makes it a leaf of its own: its .grad fills, its base's does not.
case("requires_grad_true", {"a": LEAF}, [V, ["requiresGrad_", "v", True]] + BACKWARD, ["v", "c"], grad_of=["a", "v"])
case("requires_grad_true_view", {"a": LEAF},
     [V, ["requiresGrad_", "v", True], ["let", "u", "narrow", "v", 0, 0, 2], ["let", "c", "mul", "u", 5], ["let", "s", "sum", "c"], ["backward", "s"]],
     ["u"], grad_of=["a", "v"])
case("requires_grad_true_mul__err", {"a": LEAF}, [V, ["requiresGrad_", "v", True], ["inplace", "mul_", "v", 2]])
# In place: allowed under no_grad; in grad mode PyTorch's no_grad-view error; its base written makes it stale.
case("mul__nograd_ok", {"a": LEAF}, B + [ng(["let", "v", "select", "b", 0, 0]), ng(["inplace", "mul_", "v", 2])], ["b"], loss="b")
case("mul__nograd_then_gradfn_err", {"a": LEAF}, [V, ng(["inplace", "mul_", "v", 2]), ["gradFn", "v"]])
case("base_written_nograd_gradfn_err", {"a": LEAF}, [V, ng(["inplace", "add_", "a", 1]), ["gradFn", "v"]])
case("base_written_nograd_op_err", {"a": LEAF}, [V, ng(["inplace", "add_", "a", 1]), ["let", "c", "mul", "v", 2]])
case("nonleaf_base_written_op_err", {"a": LEAF}, B + [ng(["let", "v", "select", "b", 0, 0]), ["inplace", "mul_", "b", 2], ["let", "c", "sin", "v"]])
case("copy__err", {"a": LEAF, "w": {"spec": spec(rand([3], 92)), "grad": True}}, [V, ["inplace", "copy_", "v", "$w"]])
# backward() of it: it has no grad_fn and no accumulator.
case("backward_of_it_err", {"a": LEAF}, [V, ng(["let", "e", "select", "v", 0, 0]), ["backward", "e"]])
# A base without requires_grad: its no_grad views follow it once it requires grad, as do its views made in grad mode.
case("base_requires_grad_later", {"z": PLAIN},
     [["let", "v", "select", "z", 0, 1], ng(["let", "u", "narrow", "z", 0, 0, 2]), ["requiresGrad_", "z", True],
      ["let", "c", "mul", "v", 2], ["let", "s", "sum", "c"], ["backward", "s"]],
     ["v", "u", "c"], grad_of=["z", "v"])
case("base_requires_grad_later_mul__err", {"z": PLAIN}, [["let", "v", "select", "z", 0, 1], ["requiresGrad_", "z", True], ["inplace", "mul_", "v", 2]])
case("base_requires_grad_later_nograd_mul__err", {"z": PLAIN},
     [ng(["let", "v", "select", "z", 0, 1]), ["requiresGrad_", "z", True], ["inplace", "mul_", "v", 2]])
# A base that does not require grad: its no_grad view does not either.
case("plain_base", {"z": PLAIN}, [ng(["let", "v", "select", "z", 0, 1]), ["let", "c", "mul", "v", 2]], ["v", "c"])
case("plain_base_hook_err", {"z": PLAIN}, [ng(["let", "v", "select", "z", 0, 1]), ["hook", "v", "h"]])

# register_hook on it returns a handle; the hook never runs while no edge leads to it (nor does one on its base),
# and runs once requires_grad_(True) gives it an AccumulateGrad. remove() before then keeps it from running.
case("hook", {"a": LEAF}, [V, ["hook", "v", "h"]] + BACKWARD, ["v"], grad_of=["a", "v"])
case("hook_on_base", {"a": LEAF}, [V, ["hook", "a", "h"]] + BACKWARD, grad_of=["a", "v"])
case("hook_grad_mode_view", {"a": LEAF}, [V, ["hook", "v", "h"], ["let", "u", "view", "v", [3, 1]], ["let", "s", "sum", "u"], ["backward", "s"]],
     ["u"], grad_of=["a", "v"])
case("hook_nonleaf_base", {"a": LEAF}, B + [ng(["let", "v", "narrow", "b", 0, 1, 2]), ["hook", "v", "h"]] + BACKWARD, grad_of=["a"])
case("hook_then_requires_grad_true", {"a": LEAF}, [V, ["hook", "v", "h"], ["requiresGrad_", "v", True]] + BACKWARD, grad_of=["a", "v"])
case("hook_scale_then_requires_grad_true", {"a": LEAF}, [V, ["hook", "v", "h", 10.0], ["requiresGrad_", "v", True]] + BACKWARD,
     grad_of=["a", "v"])
case("hooks_before_and_after_requires_grad_true", {"a": LEAF},
     [V, ["hook", "v", "h1"], ["requiresGrad_", "v", True], ["hook", "v", "h2", 3.0]] + BACKWARD, grad_of=["a", "v"])
case("hook_backward_then_requires_grad_true", {"a": LEAF},
     [V, ["hook", "v", "h"]] + BACKWARD + [["requiresGrad_", "v", True], ["let", "d", "mul", "v", 3], ["let", "t", "sum", "d"], ["backward", "t"]],
     grad_of=["a", "v"])
case("hook_removed", {"a": LEAF}, [V, ["hook", "v", "h"], ["removeHook", "h"], ["requiresGrad_", "v", True]] + BACKWARD, grad_of=["v"])
case("hook_removed_twice", {"a": LEAF}, [V, ["hook", "v", "h"], ["removeHook", "h"], ["removeHook", "h"], ["requiresGrad_", "v", True]] + BACKWARD,
     grad_of=["v"])
case("hook_removed_after_requires_grad_true", {"a": LEAF},
     [V, ["hook", "v", "h"], ["requiresGrad_", "v", True], ["removeHook", "h"]] + BACKWARD, grad_of=["v"])
case("hook_base_disposed", {"a": LEAF}, [V, ["dispose", "a"], ["hook", "v", "h"], ["requiresGrad_", "v", True]] + BACKWARD, grad_of=["v"])
# A leaf's hooks are the tensor's: they outlive a graph that reached its AccumulateGrad and was freed (["dispose", c]
# frees c's graph in torchlet; a no-op in PyTorch, where c's graph goes with the last reference).
case("leaf_hook_after_graph_freed", {"a": LEAF},
     [["hook", "a", "h"], ["let", "c", "mul", "a", 2], ["dispose", "c"], ["let", "d", "mul", "a", 3], ["let", "s", "sum", "d"], ["backward", "s"]],
     grad_of=["a"])
case("hook_after_graph_freed", {"a": LEAF},
     [V, ["hook", "v", "h"], ["requiresGrad_", "v", True], ["let", "d", "mul", "v", 3], ["dispose", "d"]] + BACKWARD, grad_of=["v"])

# A leaf whose requires_grad is turned off after an op recorded the edge to its AccumulateGrad: backward reaches the
# node, which does nothing while the leaf does not require grad (.grad stays, hooks do not run); turned on again
# before backward, it accumulates. What counts is requires_grad, not the leaf's own flag: a no_grad view given its own
# flag and then requires_grad_(False) still requires grad through its base, and its .grad fills.
Y = [["let", "y", "mul", "a", 2]]
SUM_Y = [["let", "s", "sum", "y"], ["backward", "s"]]
case("flag_off_after_op", {"a": LEAF}, [["hook", "a", "h"]] + Y + [["requiresGrad_", "a", False]] + SUM_Y, ["a", "y"], grad_of=["a"])
case("flag_off_then_on", {"a": LEAF}, [["hook", "a", "h"]] + Y + [["requiresGrad_", "a", False], ["requiresGrad_", "a", True]] + SUM_Y,
     ["a"], grad_of=["a"])
case("flag_off_other_leaf", {"a": LEAF, "w": {"spec": spec(rand([4, 3], 93)), "grad": True}},
     [["let", "y", "mul", "a", "$w"], ["requiresGrad_", "a", False]] + SUM_Y, grad_of=["a", "w"])
case("flag_off_grad_kept", {"a": LEAF},
     [["let", "c", "mul", "a", 5], ["let", "t", "sum", "c"], ["backward", "t"]] + Y + [["requiresGrad_", "a", False]] + SUM_Y, grad_of=["a"])
case("flag_off_nonleaf_path", {"a": LEAF}, B + [["let", "y", "mul", "b", "$a"], ["requiresGrad_", "a", False]] + SUM_Y, grad_of=["a"])
case("flag_off_hook_err", {"a": LEAF}, Y + [["requiresGrad_", "a", False], ["hook", "a", "h"]])
case("own_flag_off_view", {"a": LEAF},
     [V, ["hook", "v", "h"], ["requiresGrad_", "v", True], ["let", "c", "mul", "v", 2], ["requiresGrad_", "v", False], ["let", "s", "sum", "c"],
      ["backward", "s"]], ["v"], grad_of=["a", "v"])

r.write()
