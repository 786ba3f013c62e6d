// Kernels of the losses, optimizers, nn helpers. Names are `<op>_<dtype>`.

export {};
