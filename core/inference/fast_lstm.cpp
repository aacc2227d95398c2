#include "inference/fast_lstm.h"

#include "base/process_group.h"
#include "kernels/lstm_cell.h"
#include "kernels/water_cloud.h"
#include "models/model_spec.h"
#include "models/network.h"
#include "models/trained_model.h"
#include "models/wcm_settings.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace soilscope::inference {

namespace {
constexpr int kLanes = 32; // sequences evaluated together (inner, vectorised loop)

/// One LSTM layer with PyTorch's gate order (input, forget, cell, output).
struct Layer {
    int in = 0;
    int hidden = 0;
    std::vector<float> w; ///< [4H][in + H]: weight_ih beside weight_hh
    std::vector<float> b; ///< [4H]: bias_ih + bias_hh
};

/// The Water Cloud Model layer of the wcm_lstm family (models/recurrent_modules.cpp): from a raw
/// step it computes the LSTM's inputs [(σsoil dB − centre)/scale, auxiliaries...].
struct Physics {
    models::WcmSettings w;
    std::vector<double> a;         ///< A per land-cover class
    std::vector<std::int64_t> aux; ///< features passed to the LSTM as they are

    /// Writes the 1 + aux.size() inputs of one step with the given stride.
    void inputs(const float* row, float* dst, std::size_t stride) const {
        constexpr double kFloor = 1e-6;
        double sigma = row[w.sigma0];
        if (w.sigma0Db)
            sigma = std::pow(10.0, sigma / 10.0);
        const double th = w.theta >= 0 ? row[w.theta] : w.thetaDeg;
        const double w1 = w.v1 >= 0 ? row[w.v1] : 1.0, w2 = row[w.v2];
        const std::size_t cls = w.landcover >= 0
                                    ? std::size_t(std::clamp(std::round(double(row[w.landcover])),
                                                             0.0, double(a.size() - 1)))
                                    : 0;
        const auto canopy = kernels::waterCloudCanopy(th, w1, w2, a[cls], w.b);
        double difference = sigma - canopy.sigmaVeg;
        if (w.guardShare > 0)
            difference = kernels::softGuardedDifference(difference, sigma, w.guardShare, kFloor);
        const double soilDb = 10.0 * std::log10(std::max(difference / canopy.gamma2, kFloor));
        dst[0] = float((soilDb - w.soilCentre) / w.soilScale);
        for (std::size_t k = 0; k < aux.size(); ++k)
            dst[(k + 1) * stride] = row[aux[k]];
    }
};

struct Net {
    std::optional<Physics> physics;
    std::vector<Layer> layers;
    std::vector<float> headW; ///< [H]
    float headB = 0;
};

struct Shape {
    std::size_t steps = 0, inputs = 0;
};

/// Every member over `n` sequences of x, averaged, into out [n, T]. The body is inlined into a
/// default and an AVX2/FMA build (dispatched at run time) so the lane loops vectorise for both.
__attribute__((always_inline)) inline void runBody(const std::vector<Net>& nets, Shape s,
                                                   const float* x, std::size_t n, float* out) {
    const std::size_t T = s.steps, P = s.inputs;
    std::size_t widest = P;
    for (const Net& net : nets)
        for (const Layer& l : net.layers)
            widest = std::max(widest, std::size_t(l.in + l.hidden));
    std::vector<float> z(widest * kLanes), gates, hc;
    std::fill(out, out + n * T, 0.0f);
    for (std::size_t start = 0; start < n; start += kLanes) {
        const std::size_t count = std::min<std::size_t>(kLanes, n - start);
        for (const Net& net : nets) {
            // h and c of every layer, [layer][2][H][lanes]
            std::size_t stateSize = 0;
            for (const Layer& l : net.layers)
                stateSize += 2 * std::size_t(l.hidden) * kLanes;
            hc.assign(stateSize, 0.0f);
            for (std::size_t t = 0; t < T; ++t) {
                // layer 0 input: the step's features (or the physics layer's outputs),
                // transposed to [inputs][lanes]
                const std::size_t in0 = std::size_t(net.layers.front().in);
                std::fill(z.begin(), z.begin() + std::ptrdiff_t(in0 * kLanes), 0.0f);
                for (std::size_t q = 0; q < count; ++q) {
                    const float* row = x + ((start + q) * T + t) * P;
                    if (net.physics)
                        net.physics->inputs(row, z.data() + q, kLanes);
                    else
                        for (std::size_t k = 0; k < P; ++k)
                            z[k * kLanes + q] = row[k];
                }
                float* state = hc.data();
                const float* below = nullptr; // the h of the layer below (layers ≥ 1)
                for (const Layer& l : net.layers) {
                    const std::size_t H = std::size_t(l.hidden), in = std::size_t(l.in),
                                      cols = in + H;
                    float* h = state;
                    float* c = state + H * kLanes;
                    if (below)
                        std::copy_n(below, in * kLanes, z.data());
                    std::copy_n(h, H * kLanes, z.data() + in * kLanes);
                    gates.resize(4 * H * kLanes);
                    for (std::size_t j = 0; j < 4 * H; ++j) {
                        float acc[kLanes];
                        for (int q = 0; q < kLanes; ++q)
                            acc[q] = l.b[j];
                        const float* wj = l.w.data() + j * cols;
                        for (std::size_t k = 0; k < cols; ++k) {
                            const float wk = wj[k];
                            const float* zk = z.data() + k * kLanes;
                            for (int q = 0; q < kLanes; ++q)
                                acc[q] += wk * zk[q];
                        }
                        std::copy_n(acc, kLanes, gates.data() + j * kLanes);
                    }
                    const float* gi = gates.data();
                    const float* gf = gi + H * kLanes;
                    const float* gg = gf + H * kLanes;
                    const float* go = gg + H * kLanes;
                    for (std::size_t e = 0; e < H * kLanes; ++e) {
                        const auto step =
                            kernels::lstmStep<kernels::FastMath>(gi[e], gf[e], gg[e], go[e], c[e]);
                        c[e] = step.cell;
                        h[e] = step.out;
                    }
                    below = h;
                    state += 2 * H * kLanes;
                }
                const std::size_t H = net.headW.size();
                float acc[kLanes];
                for (int q = 0; q < kLanes; ++q)
                    acc[q] = net.headB;
                for (std::size_t k = 0; k < H; ++k)
                    for (int q = 0; q < kLanes; ++q)
                        acc[q] += net.headW[k] * below[k * kLanes + std::size_t(q)];
                for (std::size_t q = 0; q < count; ++q)
                    out[(start + q) * T + t] += acc[q];
            }
        }
    }
    if (nets.size() > 1)
        for (std::size_t i = 0; i < n * T; ++i)
            out[i] /= float(nets.size());
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) void runAvx2(const std::vector<Net>& nets, Shape s,
                                                 const float* x, std::size_t n, float* out) {
    runBody(nets, s, x, n, out);
}
#endif

void runDefault(const std::vector<Net>& nets, Shape s, const float* x, std::size_t n, float* out) {
    runBody(nets, s, x, n, out);
}

void runRange(const std::vector<Net>& nets, Shape s, const float* x, std::size_t n, float* out) {
#if defined(__x86_64__)
    static const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (avx2)
        return runAvx2(nets, s, x, n, out);
#endif
    runDefault(nets, s, x, n, out);
}

/// Splits the sequences over a few threads, each on its own rows.
std::vector<float> run(const std::vector<Net>& nets, Shape s, const float* x, std::size_t n) {
    std::vector<float> out(n * s.steps);
    const std::size_t threads = std::clamp<std::size_t>(std::size_t(processorShare()), 1, 4);
    if (n < 2 * kLanes || threads == 1) {
        runRange(nets, s, x, n, out.data());
        return out;
    }
    const std::size_t per = (n + threads - 1) / threads, row = s.steps * s.inputs;
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
        const std::size_t a = std::min(n, t * per), b = std::min(n, a + per);
        if (a < b)
            pool.emplace_back(runRange, std::cref(nets), s, x + a * row, b - a,
                              out.data() + a * s.steps);
    }
    runRange(nets, s, x, std::min(n, per), out.data());
    for (auto& th : pool)
        th.join();
    return out;
}

/// The physics layer of a wcm_lstm spec (resolved) with its learned logA; nullopt when an index
/// lies beyond the features.
std::optional<Physics> wcmPhysics(const nlohmann::json& p, const std::vector<float>& logA,
                                  std::size_t features) {
    Physics ph;
    ph.w = models::wcmSettingsOf(p);
    const auto& w = ph.w;
    for (const std::int64_t i : {w.sigma0, w.theta, w.v1, w.v2, w.landcover})
        if (i >= std::int64_t(features))
            return std::nullopt;
    if (w.sigma0 < 0 || w.v2 < 0 || logA.empty())
        return std::nullopt;
    for (const float v : logA)
        ph.a.push_back(std::exp(double(v) * w.aLrScale));
    ph.aux = models::wcmAuxFeatures(w, std::int64_t(features));
    return ph;
}

std::vector<float> copyOf(const torch::Tensor& t) {
    const auto c = t.to(torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}
} // namespace

std::optional<BatchModel> fastLstm(const models::TrainedModel& model) {
    const std::string family = model.spec().family;
    if ((family != "lstm" && family != "wcm_lstm") || model.empty())
        return std::nullopt;
    const auto spec = models::resolveSpec(model.spec());
    const std::string prefix = family == "wcm_lstm" ? "seq." : "";
    if (model.featureShape().size() != 2 || model.targetShape().size() != 1 ||
        model.targetShape()[0] != model.featureShape()[0])
        return std::nullopt;
    const Shape shape{std::size_t(model.featureShape()[0]), std::size_t(model.featureShape()[1])};
    auto nets = std::make_shared<std::vector<Net>>();
    for (const auto& member : model.members()) {
        const auto* network = dynamic_cast<const models::NetworkMember*>(member.get());
        if (!network || network->device() != "cpu")
            return std::nullopt;
        torch::NoGradGuard guard;
        std::map<std::string, torch::Tensor> params;
        for (const auto& item : network->module().named_parameters(true))
            params[item.key()] = item.value();
        Net net;
        std::size_t used = 0;
        int in = int(shape.inputs);
        if (family == "wcm_lstm") {
            const auto logA = params.find("logA");
            if (logA == params.end())
                return std::nullopt;
            net.physics = wcmPhysics(spec.params, copyOf(logA->second), shape.inputs);
            if (!net.physics)
                return std::nullopt;
            in = 1 + int(net.physics->aux.size());
            ++used;
        }
        for (int k = 0;; ++k) {
            const std::string n = std::to_string(k);
            const auto wi = params.find(prefix + "rnn.weight_ih_l" + n),
                       wh = params.find(prefix + "rnn.weight_hh_l" + n);
            const auto bi = params.find(prefix + "rnn.bias_ih_l" + n),
                       bh = params.find(prefix + "rnn.bias_hh_l" + n);
            if (wi == params.end())
                break;
            if (wh == params.end() || bi == params.end() || bh == params.end())
                return std::nullopt;
            const int hidden = int(wh->second.size(1));
            if (wi->second.dim() != 2 || wi->second.size(0) != 4 * hidden ||
                wi->second.size(1) != in || wh->second.size(0) != 4 * hidden ||
                bi->second.numel() != 4 * hidden || bh->second.numel() != 4 * hidden)
                return std::nullopt;
            Layer l;
            l.in = in;
            l.hidden = hidden;
            const auto a = copyOf(wi->second), r = copyOf(wh->second), b1 = copyOf(bi->second),
                       b2 = copyOf(bh->second);
            const std::size_t cols = std::size_t(in + hidden);
            l.w.resize(4 * std::size_t(hidden) * cols);
            for (std::size_t j = 0; j < 4 * std::size_t(hidden); ++j) {
                std::copy_n(a.data() + j * std::size_t(in), std::size_t(in), l.w.data() + j * cols);
                std::copy_n(r.data() + j * std::size_t(hidden), std::size_t(hidden),
                            l.w.data() + j * cols + std::size_t(in));
            }
            l.b.resize(4 * std::size_t(hidden));
            for (std::size_t j = 0; j < l.b.size(); ++j)
                l.b[j] = b1[j] + b2[j];
            net.layers.push_back(std::move(l));
            in = hidden;
            used += 4;
        }
        const auto hw = params.find(prefix + "head.weight"), hb = params.find(prefix + "head.bias");
        if (net.layers.empty() || hw == params.end() || hb == params.end() ||
            hw->second.numel() != in || hb->second.numel() != 1)
            return std::nullopt;
        net.headW = copyOf(hw->second);
        net.headB = copyOf(hb->second)[0];
        used += 2;
        if (used != params.size())
            return std::nullopt; // something this path does not evaluate
        nets->push_back(std::move(net));
    }
    return BatchModel(
        [nets, shape](const float* x, std::size_t n) { return run(*nets, shape, x, n); });
}

} // namespace soilscope::inference
