// js-pytorch loads gpu.js only for device "gpu"; the benchmark never asks for it.
throw new Error("js-pytorch's GPU device is not installed for the benchmark (bench/peers/no-gpu)");
