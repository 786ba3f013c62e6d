// The containers (test/golden/gen_containers.py): ModuleList, ModuleDict,
// ParameterList, ParameterDict and Sequential's get/slice/insert/extend,
// built and edited by the same programs as the generator's; their printed
// form, namedParameters()/namedModules() names, stateDict keys and length.

import { errorOf } from "../values.js";
import type { Observed, Tensor, Torch, Value } from "../types.js";
import { fromGolden, type Golden } from "./fromGolden.js";

type Nn = Torch["nn"];
type AnyModule = InstanceType<Nn["Module"]>;

/** gen_containers.py's programs, step for step: each returns the module it records. */
export function containerPrograms(torch: Torch): Record<string, () => AnyModule> {
  const { nn } = torch;
  const lin = (i: number, o: number) => new nn.Linear(i, o);
  const P = (t: ReturnType<typeof torch.ones>) => nn.Parameter(t);
  const out: Record<string, () => AnyModule> = {};
  out.net = () => {
    class Net extends nn.Module {
      layers = new nn.ModuleList([lin(2, 3), new nn.ReLU(), lin(3, 1)]);
      heads = new nn.ModuleDict({ cls: lin(1, 4), reg: lin(1, 1) });
      scales = new nn.ParameterList([P(torch.ones(3)), P(torch.zeros(2, 2))]);
      extra = new nn.ParameterDict({ alpha: P(torch.ones([])), beta: P(torch.zeros(4, { dtype: "float64" })) });
    }
    return new Net();
  };
  const ml = () => {
    const m = new nn.ModuleList([lin(2, 2)]);
    m.append(new nn.ReLU());
    m.extend([lin(2, 3), new nn.Tanh()]);
    m.insert(1, new nn.Sigmoid());
    return m;
  };
  out.modulelist_edit = ml;
  out.modulelist_slice = () => ml().slice(1, 4);
  out.modulelist_empty = () => new nn.ModuleList();
  out.modulelist_del = () => {
    const m = ml();
    m.delete(0);
    return m;
  };
  out.modulelist_pop = () => {
    const m = ml();
    m.delete(0);
    m.pop(-1);
    return m;
  };
  out.moduledict_edit = () => {
    const md = new nn.ModuleDict({ b: lin(1, 1), a: new nn.ReLU() });
    md.set("c", lin(1, 2));
    md.update({ a: new nn.Tanh(), d: new nn.Identity() });
    md.pop("b");
    return md;
  };
  out.paramlist = () => {
    const pl = new nn.ParameterList([P(torch.ones(2, 3))]);
    pl.append(P(torch.zeros(5)));
    pl.extend([P(torch.ones([]))]);
    return pl;
  };
  out.paramdict = () => {
    const pd = new nn.ParameterDict({ w: P(torch.ones(2, 2)) });
    pd.set("b", P(torch.zeros(2)));
    pd.update({ s: P(torch.ones([], { dtype: "float64" })) });
    return pd;
  };
  const seq = () => new nn.Sequential(lin(4, 3), new nn.ReLU(), lin(3, 2), new nn.Sigmoid());
  out.sequential_slice = () => seq().slice(1, 3);
  out.sequential_slice_neg = () => seq().slice(-2);
  out.sequential_insert = () => seq().insert(2, new nn.Tanh()).extend([new nn.Identity()]);
  out.sequential_named_slice = () => new nn.Sequential({ fc: lin(2, 2), act: new nn.ReLU() }).slice(1);
  return out;
}

/** The Net of gen_containers.py with a buffer "stat" on layers.0, for the get* paths. */
function netWithBuffer(torch: Torch): AnyModule {
  const net = containerPrograms(torch).net!();
  (net as unknown as { layers: { get(i: number): AnyModule } }).layers.get(0).registerBuffer("stat", torch.zeros(2));
  return net;
}

/** Cases that observe something else than a container's shape: hooks, get* paths. */
function runOther(torch: Torch, name: string): Observed | null {
  const { nn } = torch;
  if (name === "hooks") {
    const seen: Value[] = [];
    const hooked = new nn.Sequential(new nn.ReLU(), new nn.Tanh());
    hooked.get(0).registerForwardPreHook((_m, args) => [(args[0] as Tensor).mul(2)]);
    hooked.get(1).registerForwardHook((_m, _a, out) => (out as Tensor).add(1));
    hooked.registerForwardHook((_m, _a, out) => void seen.push((out as Tensor).tolist() as Value));
    const gone = hooked.get(1).registerForwardHook((_m, _a, out) => (out as Tensor).mul(100));
    gone.remove();
    const x = torch.tensor([-1.0, 0.25, 0.5, 2.0]);
    const output = hooked.call(x).tolist() as Value;
    return { input: x.tolist() as Value, output, seen, direct: hooked.forward(x).tolist() as Value };
  }
  if (name === "get_paths") {
    const net = netWithBuffer(torch);
    try {
      return {
        submodule: String(net.getSubmodule("heads.cls")),
        parameter: [...net.getParameter("layers.2.weight").shape],
        buffer: [...net.getBuffer("layers.0.stat").shape],
        scale: [...net.getParameter("scales.1").shape],
      };
    } finally {
      net.dispose();
    }
  }
  return null;
}

/** The error programs, by case name. */
export function containerErrors(torch: Torch): Record<string, () => unknown> {
  const { nn } = torch;
  const net = () => netWithBuffer(torch);
  return {
    err_get_submodule_missing: () => net().getSubmodule("layers.7"),
    err_get_submodule_not_module: () => net().getSubmodule("layers.0.weight"),
    err_get_parameter_missing: () => net().getParameter("heads.cls.gamma"),
    err_get_parameter_not_param: () => net().getParameter("layers.0.stat"),
    err_get_buffer_not_buffer: () => net().getBuffer("layers.0.weight"),
    err_modulelist_index: () => new nn.ModuleList([new nn.ReLU()]).get(3),
    err_modulelist_extend: () => new nn.ModuleList().extend(3 as never),
    err_moduledict_key: () => new nn.ModuleDict({ a: new nn.ReLU() }).get("b"),
    err_paramlist_call: () => new nn.ParameterList().call(),
    err_sequential_index: () => new nn.Sequential(new nn.ReLU()).get(2),
    err_sequential_insert: () => new nn.Sequential(new nn.ReLU()).insert(5, new nn.ReLU()),
  };
}

export function runContainer(torch: Torch, g: Golden): Observed {
  const name = String(g.name);
  if (g.error !== undefined) return { error: errorOf(containerErrors(torch)[name]!) };
  const other = runOther(torch, name);
  if (other !== null) return other;
  const m = containerPrograms(torch)[name]!();
  try {
    const sd = m.stateDict();
    const length = "length" in m ? (m as unknown as { length: number }).length : null;
    return {
      repr: String(m),
      namedParameters: m.namedParameters().map((e) => e[0]),
      namedModules: m.namedModules().map((e) => e[0]),
      stateKeys: Object.keys(sd),
      length,
    };
  } finally {
    m.dispose();
  }
}

export const CONTAINER_KEYS = [
  "repr",
  "namedParameters",
  "namedModules",
  "stateKeys",
  "length",
  "input",
  "output",
  "seen",
  "direct",
  "submodule",
  "parameter",
  "buffer",
  "scale",
];

export const containers = (golden: Parameters<typeof fromGolden>[0]) =>
  fromGolden(golden, runContainer, {
    compare: (g) => (g.error !== undefined ? ["error"] : CONTAINER_KEYS.filter((k) => k in g)),
  });
