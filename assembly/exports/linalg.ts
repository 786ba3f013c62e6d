// Kernels of the matmul family. Names are `<op>_<dtype>`.

export {};
