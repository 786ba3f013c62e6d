// Kernels of the mt19937 generator, uniform/normal/randint fills. Names are `<op>_<dtype>`.

export {};
