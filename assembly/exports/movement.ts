// Kernels of the gather, index_select, cat, scatter. Names are `<op>_<dtype>`.

export {};
