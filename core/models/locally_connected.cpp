// Locally connected 2-D layer: a fused CPU kernel with hand-written backward, and a tensor-op
// version for other devices.
#include "base/error.h"
#include "models/network.h"

#include <torch/torch.h>

#include <ATen/Parallel.h>

#include <algorithm>

namespace soilscope::models {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

struct Geometry {
    std::int64_t b, c, h, w, o, k, pad;
    /// Output columns [w0, w1) whose input column w + dx − pad lies inside the image.
    std::pair<std::int64_t, std::int64_t> columns(std::int64_t dx) const {
        return {std::max<std::int64_t>(0, pad - dx), std::min<std::int64_t>(w, w + pad - dx)};
    }
    bool rowInside(std::int64_t row, std::int64_t dy) const {
        const std::int64_t r = row + dy - pad;
        return r >= 0 && r < h;
    }
};

Geometry geometryOf(const torch::Tensor& x, const torch::Tensor& weight, std::int64_t kernel) {
    if (x.dim() != 4 || weight.dim() != 5)
        throw Error("locally connected layer needs x [b, C, H, W] and weight [k·k, C, O, H, W]",
                    "LocallyConnected2d");
    Geometry g{x.size(0), x.size(1), x.size(2), x.size(3), weight.size(2), kernel, kernel / 2};
    if (weight.size(0) != kernel * kernel || weight.size(1) != g.c || weight.size(3) != g.h ||
        weight.size(4) != g.w)
        throw Error("input shape does not match the layer's weights", "LocallyConnected2d");
    return g;
}

// Index helpers for contiguous tensors.
template <class T> struct View4 {
    T* p;
    std::int64_t d1, d2, d3;
    T* row(std::int64_t i0, std::int64_t i1, std::int64_t i2) const {
        return p + ((i0 * d1 + i1) * d2 + i2) * d3;
    }
};
template <class T> struct View5 {
    T* p;
    std::int64_t d1, d2, d3, d4;
    T* row(std::int64_t i0, std::int64_t i1, std::int64_t i2, std::int64_t i3) const {
        return p + (((i0 * d1 + i1) * d2 + i2) * d3 + i3) * d4;
    }
};

template <class T>
void forwardKernel(const Geometry& g, const T* x, const T* wt, const T* bias, T* out) {
    const View4<const T> X{x, g.c, g.h, g.w};
    const View5<const T> W{wt, g.c, g.o, g.h, g.w};
    const View4<T> Y{out, g.o, g.h, g.w};
    at::parallel_for(0, g.o * g.h, 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t oh = begin; oh < end; ++oh) {
            const std::int64_t o = oh / g.h, h = oh % g.h;
            for (std::int64_t b = 0; b < g.b; ++b) {
                T* y = Y.row(b, o, h);
                std::copy_n(bias + (o * g.h + h) * g.w, g.w, y);
                for (std::int64_t dy = 0; dy < g.k; ++dy) {
                    if (!g.rowInside(h, dy))
                        continue;
                    for (std::int64_t dx = 0; dx < g.k; ++dx) {
                        const auto [w0, w1] = g.columns(dx);
                        const std::int64_t shift = dx - g.pad;
                        for (std::int64_t c = 0; c < g.c; ++c) {
                            const T* xr = X.row(b, c, h + dy - g.pad) + shift;
                            const T* wr = W.row(dy * g.k + dx, c, o, h);
                            for (std::int64_t w = w0; w < w1; ++w)
                                y[w] += xr[w] * wr[w];
                        }
                    }
                }
            }
        }
    });
}

template <class T> void gradWeightKernel(const Geometry& g, const T* x, const T* gout, T* gw) {
    const View4<const T> X{x, g.c, g.h, g.w};
    const View4<const T> G{gout, g.o, g.h, g.w};
    const View5<T> GW{gw, g.c, g.o, g.h, g.w};
    at::parallel_for(0, g.o * g.h, 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t oh = begin; oh < end; ++oh) {
            const std::int64_t o = oh / g.h, h = oh % g.h;
            for (std::int64_t dy = 0; dy < g.k; ++dy)
                for (std::int64_t dx = 0; dx < g.k; ++dx) {
                    const auto [w0, w1] = g.columns(dx);
                    const std::int64_t shift = dx - g.pad;
                    for (std::int64_t c = 0; c < g.c; ++c) {
                        T* wr = GW.row(dy * g.k + dx, c, o, h);
                        std::fill_n(wr, g.w, T(0));
                        if (!g.rowInside(h, dy))
                            continue;
                        for (std::int64_t b = 0; b < g.b; ++b) {
                            const T* xr = X.row(b, c, h + dy - g.pad) + shift;
                            const T* gr = G.row(b, o, h);
                            for (std::int64_t w = w0; w < w1; ++w)
                                wr[w] += gr[w] * xr[w];
                        }
                    }
                }
        }
    });
}

template <class T> void gradInputKernel(const Geometry& g, const T* wt, const T* gout, T* gx) {
    const View5<const T> W{wt, g.c, g.o, g.h, g.w};
    const View4<const T> G{gout, g.o, g.h, g.w};
    const View4<T> GX{gx, g.c, g.h, g.w};
    at::parallel_for(0, g.b * g.c, 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t bc = begin; bc < end; ++bc) {
            const std::int64_t b = bc / g.c, c = bc % g.c;
            std::fill_n(GX.row(b, c, 0), g.h * g.w, T(0));
            for (std::int64_t o = 0; o < g.o; ++o)
                for (std::int64_t h = 0; h < g.h; ++h)
                    for (std::int64_t dy = 0; dy < g.k; ++dy) {
                        if (!g.rowInside(h, dy))
                            continue;
                        for (std::int64_t dx = 0; dx < g.k; ++dx) {
                            const auto [w0, w1] = g.columns(dx);
                            T* xr = GX.row(b, c, h + dy - g.pad) + (dx - g.pad);
                            const T* wr = W.row(dy * g.k + dx, c, o, h);
                            const T* gr = G.row(b, o, h);
                            for (std::int64_t w = w0; w < w1; ++w)
                                xr[w] += gr[w] * wr[w];
                        }
                    }
        }
    });
}

struct LocallyConnectedFunction : public torch::autograd::Function<LocallyConnectedFunction> {
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& xIn,
                                 const torch::Tensor& weightIn, const torch::Tensor& biasIn,
                                 std::int64_t kernel) {
        const auto x = xIn.contiguous(), weight = weightIn.contiguous(), bias = biasIn.contiguous();
        const Geometry g = geometryOf(x, weight, kernel);
        auto out = torch::empty({g.b, g.o, g.h, g.w}, x.options());
        AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "locally_connected_forward", [&] {
            forwardKernel<scalar_t>(g, x.data_ptr<scalar_t>(), weight.data_ptr<scalar_t>(),
                                    bias.data_ptr<scalar_t>(), out.data_ptr<scalar_t>());
        });
        ctx->save_for_backward({x, weight});
        ctx->saved_data["kernel"] = kernel;
        return out;
    }

    static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto& x = saved[0];
        const auto& weight = saved[1];
        const Geometry g = geometryOf(x, weight, ctx->saved_data["kernel"].toInt());
        const auto gout = grads[0].contiguous();
        torch::Tensor gx, gw, gb;
        if (ctx->needs_input_grad(1)) {
            gw = torch::empty_like(weight);
            AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "locally_connected_grad_weight", [&] {
                gradWeightKernel<scalar_t>(g, x.data_ptr<scalar_t>(), gout.data_ptr<scalar_t>(),
                                           gw.data_ptr<scalar_t>());
            });
        }
        if (ctx->needs_input_grad(0)) {
            gx = torch::empty_like(x);
            AT_DISPATCH_FLOATING_TYPES(x.scalar_type(), "locally_connected_grad_input", [&] {
                gradInputKernel<scalar_t>(g, weight.data_ptr<scalar_t>(), gout.data_ptr<scalar_t>(),
                                          gx.data_ptr<scalar_t>());
            });
        }
        if (ctx->needs_input_grad(2))
            gb = gout.sum(0);
        return {gx, gw, gb, torch::Tensor()};
    }
};

} // namespace

at::Tensor locallyConnected2dTensorOps(const at::Tensor& x, const at::Tensor& weight,
                                       const at::Tensor& bias, int kernel) {
    const Geometry g = geometryOf(x, weight, kernel);
    const auto padded = torch::constant_pad_nd(x, {g.pad, g.pad, g.pad, g.pad}, 0.0);
    torch::Tensor out;
    for (int dy = 0; dy < kernel; ++dy) {
        for (int dx = 0; dx < kernel; ++dx) {
            const auto shifted = padded.slice(2, dy, dy + g.h).slice(3, dx, dx + g.w);
            const auto wk = weight[dy * kernel + dx]; // [C, O, H, W]
            const auto term = (shifted.unsqueeze(2) * wk.unsqueeze(0)).sum(1);
            out = out.defined() ? out + term : term;
        }
    }
    return out + bias.unsqueeze(0);
}

at::Tensor locallyConnected2d(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                              int kernel) {
    if (x.is_cpu() && weight.is_cpu() && x.scalar_type() == weight.scalar_type())
        return LocallyConnectedFunction::apply(x, weight, bias, std::int64_t(kernel));
    return locallyConnected2dTensorOps(x, weight, bias, kernel);
}

} // namespace soilscope::models
