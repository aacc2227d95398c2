#include "models/network.h"

#include "base/error.h"
#include "models/network_builders.h"

#include <torch/torch.h>

#include <algorithm>

namespace soilscope::models {

namespace {
std::int64_t product(const std::vector<std::int64_t>& s) {
    std::int64_t p = 1;
    for (auto v : s)
        p *= v;
    return p;
}
} // namespace

bool cudaAvailable() {
    return torch::cuda::is_available();
}

NetworkMember::NetworkMember(const ModelSpec& spec, std::vector<std::int64_t> featureShape,
                             std::vector<std::int64_t> targetShape)
    : m_featureShape(std::move(featureShape)), m_targetShape(std::move(targetShape)) {
    const ModelSpec resolved = resolveSpec(spec);
    if (!isNeuralFamily(resolved.family))
        throw Error("not a LibTorch family", "model " + resolved.family);
    const std::string layout = expectedLayout(resolved.family);
    m_impl = layout == "sequence" ? buildRecurrent(resolved, m_featureShape, m_targetShape)
                                  : buildFeedForward(resolved, m_featureShape, m_targetShape);
}

NetworkMember::~NetworkMember() = default;

at::Tensor NetworkMember::forward(const at::Tensor& x) const {
    return m_impl->forward(x);
}

at::Tensor NetworkMember::regularization() const {
    if (m_impl->regularization)
        return m_impl->regularization();
    return torch::zeros({}, m_impl->module->parameters().front().options());
}

bool NetworkMember::hasRegularization() const {
    return static_cast<bool>(m_impl->regularization);
}

torch::nn::Module& NetworkMember::module() const {
    return *m_impl->module;
}

torch::nn::Module* NetworkMember::sequenceCore() const {
    return m_impl->sequenceCore.get();
}

at::Tensor NetworkMember::sequenceInput(const at::Tensor& x) const {
    return m_impl->sequenceInput ? m_impl->sequenceInput(x) : x;
}

std::string NetworkMember::device() const {
    const auto params = m_impl->module->parameters();
    return !params.empty() && params.front().is_cuda() ? "cuda" : "cpu";
}

std::vector<std::pair<std::string, double>> NetworkMember::learnedConstants() const {
    if (m_impl->constants)
        return m_impl->constants();
    return {};
}

std::vector<float> NetworkMember::predict(const float* x, std::size_t n) const {
    const std::int64_t fsize = product(m_featureShape), tsize = product(m_targetShape);
    std::vector<float> out(n * std::size_t(tsize));
    if (n == 0)
        return out;
    torch::NoGradGuard noGrad;
    const bool wasTraining = m_impl->module->is_training();
    m_impl->module->eval();
    const auto device = m_impl->module->parameters().front().device();
    // Chunks of at most ~16 M input values keep memory bounded for image models.
    const std::size_t chunk =
        std::max<std::size_t>(1, std::size_t((1 << 24) / std::max<std::int64_t>(fsize, 1)));
    std::vector<std::int64_t> shape{0};
    shape.insert(shape.end(), m_featureShape.begin(), m_featureShape.end());
    try {
        for (std::size_t start = 0; start < n; start += chunk) {
            const std::size_t count = std::min(chunk, n - start);
            shape[0] = std::int64_t(count);
            auto input = torch::from_blob(const_cast<float*>(x + start * std::size_t(fsize)), shape,
                                          torch::kFloat32);
            const auto y = m_impl->forward(input.to(device)).to(torch::kCPU).contiguous();
            if (y.numel() != std::int64_t(count) * tsize)
                throw Error("network output has an unexpected size", "model prediction");
            std::copy_n(y.data_ptr<float>(), y.numel(),
                        out.begin() + std::ptrdiff_t(start * std::size_t(tsize)));
        }
    } catch (const c10::Error& e) {
        m_impl->module->train(wasTraining);
        throw Error(std::string("prediction failed: ") + e.what_without_backtrace(),
                    "model prediction");
    }
    m_impl->module->train(wasTraining);
    return out;
}

std::int64_t NetworkMember::parameterCount() const {
    std::int64_t count = 0;
    for (const auto& p : m_impl->module->parameters())
        count += p.numel();
    return count;
}

void NetworkMember::save(const std::filesystem::path& file) const {
    try {
        torch::serialize::OutputArchive archive;
        m_impl->module->save(archive);
        archive.save_to(file.string());
    } catch (const c10::Error& e) {
        throw Error(std::string("cannot save weights: ") + e.what_without_backtrace(),
                    file.string());
    }
}

void NetworkMember::load(const std::filesystem::path& file) {
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(file.string());
        m_impl->module->load(archive);
    } catch (const c10::Error& e) {
        throw Error(std::string("corrupt or incompatible weights: ") + e.what_without_backtrace(),
                    file.string());
    }
}

void NetworkMember::to(const std::string& device) {
    m_impl->module->to(device == "cuda" ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU));
}

} // namespace soilscope::models
