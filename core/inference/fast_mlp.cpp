#include "inference/fast_mlp.h"

#include "base/process_group.h"
#include "kernels/activation.h"
#include "kernels/dense.h"
#include "models/network.h"
#include "models/trained_model.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <thread>

namespace soilscope::inference {

namespace {
constexpr int kLanes = 64; // pixels evaluated together (a multiple of kernels::kDenseLanes)
static_assert(kLanes % kernels::kDenseLanes == 0);

struct Layer {
    int in = 0;
    int out = 0;
    std::vector<float> w; ///< [out][in]
    std::vector<float> b; ///< [out]
};

struct Net {
    std::vector<Layer> layers;
    kernels::Activation act = kernels::Activation::Relu;
};

void runRange(const std::vector<Net>& nets, const float* x, std::size_t n, float* result) {
    const int inputs = nets.front().layers.front().in;
    int widest = inputs;
    for (const auto& net : nets)
        for (const auto& l : net.layers)
            widest = std::max(widest, l.out);
    std::vector<float> a(std::size_t(widest) * kLanes), b(a.size()),
        in(std::size_t(inputs) * kLanes);
    float* out = result;
    std::fill(out, out + n, 0.0f);
    for (std::size_t start = 0; start < n; start += kLanes) {
        const int count = int(std::min<std::size_t>(kLanes, n - start));
        std::fill(in.begin(), in.end(), 0.0f);
        for (int p = 0; p < count; ++p)
            for (int k = 0; k < inputs; ++k)
                in[std::size_t(k) * kLanes + std::size_t(p)] =
                    x[(start + std::size_t(p)) * std::size_t(inputs) + std::size_t(k)];
        for (const Net& net : nets) {
            const float* src = in.data();
            float* dst = a.data();
            for (std::size_t li = 0; li < net.layers.size(); ++li) {
                const Layer& l = net.layers[li];
                const bool last = li + 1 == net.layers.size();
                kernels::denseForward(l.w.data(), l.b.data(), l.in, l.out, src, dst, kLanes,
                                      last ? -1 : int(net.act));
                src = dst;
                dst = dst == a.data() ? b.data() : a.data();
            }
            for (int p = 0; p < count; ++p)
                out[start + std::size_t(p)] += src[p];
        }
    }
    if (nets.size() > 1)
        for (std::size_t i = 0; i < n; ++i)
            out[i] /= float(nets.size());
}

/// Splits large batches over a few threads (each works on its own rows); batches of tiled
/// inference are smaller and run one per worker thread there instead.
std::vector<float> run(const std::vector<Net>& nets, const float* x, std::size_t n) {
    std::vector<float> out(n);
    const std::size_t inputs = std::size_t(nets.front().layers.front().in);
    const std::size_t threads = std::clamp<std::size_t>(std::size_t(processorShare()), 1, 4);
    if (n < 65536 || threads == 1) {
        runRange(nets, x, n, out.data());
        return out;
    }
    const std::size_t per = (n + threads - 1) / threads;
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
        const std::size_t a = std::min(n, t * per), b = std::min(n, a + per);
        if (a < b)
            pool.emplace_back(runRange, std::cref(nets), x + a * inputs, b - a, out.data() + a);
    }
    runRange(nets, x, std::min(n, per), out.data());
    for (auto& th : pool)
        th.join();
    return out;
}
} // namespace

std::optional<BatchModel> fastMlp(const models::TrainedModel& model) {
    if (model.spec().family != "mlp" || model.empty())
        return std::nullopt;
    std::size_t outputs = 1;
    for (const auto s : model.targetShape())
        outputs *= std::size_t(s);
    if (outputs != 1)
        return std::nullopt;
    const auto act =
        kernels::activationFromName(model.spec().params.value("activation", std::string("relu")));
    if (!act)
        return std::nullopt;
    auto nets = std::make_shared<std::vector<Net>>();
    for (const auto& member : model.members()) {
        const auto* network = dynamic_cast<const models::NetworkMember*>(member.get());
        if (!network || network->device() != "cpu")
            return std::nullopt;
        Net net;
        net.act = *act;
        torch::NoGradGuard guard;
        const auto params = network->module().parameters();
        for (std::size_t i = 0; i < params.size(); ++i) {
            const auto& t = params[i];
            if (t.dim() != 2)
                return std::nullopt;
            if (i + 1 >= params.size() || params[i + 1].dim() != 1)
                return std::nullopt;
            Layer l;
            l.out = int(t.size(0));
            l.in = int(t.size(1));
            const auto w = t.to(torch::kFloat32).contiguous();
            const auto bias = params[i + 1].to(torch::kFloat32).contiguous();
            l.w.assign(w.data_ptr<float>(), w.data_ptr<float>() + w.numel());
            l.b.assign(bias.data_ptr<float>(), bias.data_ptr<float>() + bias.numel());
            if (!net.layers.empty() && net.layers.back().out != l.in)
                return std::nullopt;
            net.layers.push_back(std::move(l));
            ++i;
        }
        if (net.layers.empty() || net.layers.back().out != 1)
            return std::nullopt;
        nets->push_back(std::move(net));
    }
    return BatchModel([nets](const float* x, std::size_t n) { return run(*nets, x, n); });
}

} // namespace soilscope::inference
