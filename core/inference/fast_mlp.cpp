#include "inference/fast_mlp.h"

#include "models/network.h"
#include "models/trained_model.h"

#include <torch/torch.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>
#include <memory>
#include <thread>

namespace soilscope::inference {

namespace {
constexpr int kLanes = 64; // pixels evaluated together (inner, vectorised loop)

enum class Act { Relu, Tanh, Sigmoid };

struct Layer {
    int in = 0;
    int out = 0;
    std::vector<float> w; ///< [out][in]
    std::vector<float> b; ///< [out]
};

struct Net {
    std::vector<Layer> layers;
    Act act = Act::Relu;
};

void activate(float* d, std::size_t n, int act) {
    if (act == int(Act::Tanh))
        for (std::size_t i = 0; i < n; ++i) d[i] = std::tanh(d[i]);
    else if (act == int(Act::Sigmoid))
        for (std::size_t i = 0; i < n; ++i) d[i] = 1.0f / (1.0f + std::exp(-d[i]));
    else
        for (std::size_t i = 0; i < n; ++i) d[i] = d[i] > 0.0f ? d[i] : 0.0f;
}

/// One dense layer over kLanes pixels: dst[j][p] = b[j] + Σ_k w[j][k]·src[k][p] (+ activation).
void denseScalar(const float* __restrict w, const float* __restrict b, int in, int out,
                 const float* __restrict src, float* __restrict dst, int act, bool last) {
    for (int j = 0; j < out; ++j) {
        float acc[kLanes];
        for (int p = 0; p < kLanes; ++p) acc[p] = b[j];
        const float* wj = w + std::size_t(j) * std::size_t(in);
        for (int k = 0; k < in; ++k) {
            const float wk = wj[k];
            const float* s = src + std::size_t(k) * kLanes;
            for (int p = 0; p < kLanes; ++p) acc[p] += wk * s[p];
        }
        float* d = dst + std::size_t(j) * kLanes;
        for (int p = 0; p < kLanes; ++p) d[p] = acc[p];
    }
    if (!last) activate(dst, std::size_t(out) * kLanes, act);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) inline __m256 reluIf(bool relu, __m256 v) {
    return relu ? _mm256_and_ps(v, _mm256_cmp_ps(v, _mm256_setzero_ps(), _CMP_GT_OQ)) : v;
}

/// R outputs × 8·V pixels in registers per pass over the inputs k.
template <int R, int V>
__attribute__((target("avx2,fma"), always_inline)) inline void denseBlockAvx2(
    const float* __restrict w, const float* __restrict b, int in, const float* __restrict src,
    float* __restrict dst, int j, bool relu) {
    for (int c = 0; c < kLanes; c += 8 * V) {
        __m256 acc[R][V];
        for (int r = 0; r < R; ++r)
            for (int v = 0; v < V; ++v) acc[r][v] = _mm256_set1_ps(b[j + r]);
        const float* wj = w + std::size_t(j) * std::size_t(in);
        for (int k = 0; k < in; ++k) {
            const float* s = src + std::size_t(k) * kLanes + std::size_t(c);
            __m256 sv[V];
            for (int v = 0; v < V; ++v) sv[v] = _mm256_loadu_ps(s + 8 * v);
            for (int r = 0; r < R; ++r) {
                const __m256 x = _mm256_broadcast_ss(wj + std::size_t(r) * std::size_t(in) + std::size_t(k));
                for (int v = 0; v < V; ++v) acc[r][v] = _mm256_fmadd_ps(x, sv[v], acc[r][v]);
            }
        }
        for (int r = 0; r < R; ++r)
            for (int v = 0; v < V; ++v)
                _mm256_storeu_ps(dst + std::size_t(j + r) * kLanes + std::size_t(c + 8 * v),
                                 reluIf(relu, acc[r][v]));
    }
}

/// The same layer with AVX2/FMA: blocks of six outputs, the rest in blocks that still keep at
/// least eight independent accumulators.
__attribute__((target("avx2,fma"))) void denseAvx2(const float* __restrict w,
                                                   const float* __restrict b, int in, int out,
                                                   const float* __restrict src,
                                                   float* __restrict dst, int act, bool last) {
    const bool relu = !last && act == int(Act::Relu);
    int j = 0;
    for (; j + 6 <= out; j += 6) denseBlockAvx2<6, 2>(w, b, in, src, dst, j, relu);
    switch (out - j) {
    case 5: denseBlockAvx2<5, 2>(w, b, in, src, dst, j, relu); break;
    case 4: denseBlockAvx2<4, 2>(w, b, in, src, dst, j, relu); break;
    case 3: denseBlockAvx2<3, 2>(w, b, in, src, dst, j, relu); break;
    case 2: denseBlockAvx2<2, 4>(w, b, in, src, dst, j, relu); break;
    case 1: denseBlockAvx2<1, 8>(w, b, in, src, dst, j, relu); break;
    default: break;
    }
    if (!last && !relu) activate(dst, std::size_t(out) * kLanes, act);
}

bool useAvx2() {
    static const bool ok = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return ok;
}
#endif

void dense(const float* w, const float* b, int in, int out, const float* src, float* dst, int act,
           bool last) {
#if defined(__x86_64__)
    // target_clones("arch=...") would test the CPU model, not its features: dispatch by hand.
    if (useAvx2()) return denseAvx2(w, b, in, out, src, dst, act, last);
#endif
    denseScalar(w, b, in, out, src, dst, act, last);
}

void runRange(const std::vector<Net>& nets, const float* x, std::size_t n, float* result) {
    const int inputs = nets.front().layers.front().in;
    int widest = inputs;
    for (const auto& net : nets)
        for (const auto& l : net.layers) widest = std::max(widest, l.out);
    std::vector<float> a(std::size_t(widest) * kLanes), b(a.size()), in(std::size_t(inputs) * kLanes);
    float* out = result;
    std::fill(out, out + n, 0.0f);
    for (std::size_t start = 0; start < n; start += kLanes) {
        const int count = int(std::min<std::size_t>(kLanes, n - start));
        std::fill(in.begin(), in.end(), 0.0f);
        for (int p = 0; p < count; ++p)
            for (int k = 0; k < inputs; ++k)
                in[std::size_t(k) * kLanes + std::size_t(p)] = x[(start + std::size_t(p)) * std::size_t(inputs) + std::size_t(k)];
        for (const Net& net : nets) {
            const float* src = in.data();
            float* dst = a.data();
            for (std::size_t li = 0; li < net.layers.size(); ++li) {
                const Layer& l = net.layers[li];
                dense(l.w.data(), l.b.data(), l.in, l.out, src, dst, int(net.act),
                      li + 1 == net.layers.size());
                src = dst;
                dst = dst == a.data() ? b.data() : a.data();
            }
            for (int p = 0; p < count; ++p) out[start + std::size_t(p)] += src[p];
        }
    }
    if (nets.size() > 1)
        for (std::size_t i = 0; i < n; ++i) out[i] /= float(nets.size());
}

/// Splits large batches over a few threads (each works on its own rows); batches of tiled
/// inference are smaller and run one per worker thread there instead.
std::vector<float> run(const std::vector<Net>& nets, const float* x, std::size_t n) {
    std::vector<float> out(n);
    const std::size_t inputs = std::size_t(nets.front().layers.front().in);
    const std::size_t threads =
        std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    if (n < 65536 || threads == 1) {
        runRange(nets, x, n, out.data());
        return out;
    }
    const std::size_t per = (n + threads - 1) / threads;
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
        const std::size_t a = std::min(n, t * per), b = std::min(n, a + per);
        if (a < b) pool.emplace_back(runRange, std::cref(nets), x + a * inputs, b - a, out.data() + a);
    }
    runRange(nets, x, std::min(n, per), out.data());
    for (auto& th : pool) th.join();
    return out;
}
} // namespace

std::optional<BatchModel> fastMlp(const models::TrainedModel& model) {
    if (model.spec().family != "mlp" || model.empty()) return std::nullopt;
    std::size_t outputs = 1;
    for (const auto s : model.targetShape()) outputs *= std::size_t(s);
    if (outputs != 1) return std::nullopt;
    const std::string actName = model.spec().params.value("activation", std::string("relu"));
    Act act;
    if (actName == "relu") act = Act::Relu;
    else if (actName == "tanh") act = Act::Tanh;
    else if (actName == "sigmoid") act = Act::Sigmoid;
    else return std::nullopt;
    auto nets = std::make_shared<std::vector<Net>>();
    for (const auto& member : model.members()) {
        const auto* network = dynamic_cast<const models::NetworkMember*>(member.get());
        if (!network || network->device() != "cpu") return std::nullopt;
        Net net;
        net.act = act;
        torch::NoGradGuard guard;
        const auto params = network->module().parameters();
        for (std::size_t i = 0; i < params.size(); ++i) {
            const auto& t = params[i];
            if (t.dim() != 2) return std::nullopt;
            if (i + 1 >= params.size() || params[i + 1].dim() != 1) return std::nullopt;
            Layer l;
            l.out = int(t.size(0));
            l.in = int(t.size(1));
            const auto w = t.to(torch::kFloat32).contiguous();
            const auto bias = params[i + 1].to(torch::kFloat32).contiguous();
            l.w.assign(w.data_ptr<float>(), w.data_ptr<float>() + w.numel());
            l.b.assign(bias.data_ptr<float>(), bias.data_ptr<float>() + bias.numel());
            if (!net.layers.empty() && net.layers.back().out != l.in) return std::nullopt;
            net.layers.push_back(std::move(l));
            ++i;
        }
        if (net.layers.empty() || net.layers.back().out != 1) return std::nullopt;
        nets->push_back(std::move(net));
    }
    return BatchModel([nets](const float* x, std::size_t n) { return run(*nets, x, n); });
}

} // namespace soilscope::inference
