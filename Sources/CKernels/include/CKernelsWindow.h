#ifndef EDGEWISE_CKERNELS_WINDOW_H
#define EDGEWISE_CKERNELS_WINDOW_H

#include <stddef.h>

/// An NHWC convolution window: input `batch×in_h×in_w×in_c`, output `out_h×out_w` pixels per
/// image, kernel `k_h×k_w` with strides, dilations and the top/left padding.
typedef struct {
    size_t batch, in_h, in_w, in_c, out_h, out_w;
    size_t k_h, k_w, stride_h, stride_w, dil_h, dil_w;
    ptrdiff_t pad_top, pad_left;
} ck_window;

#endif
