// Feed-forward LibTorch families: MLP, CNN and the locally connected CNN.
#include "base/error.h"
#include "kernels/activation.h"
#include "models/network_builders.h"

#include <ATen/autocast_mode.h>
#include <torch/torch.h>

#include <cmath>
#include <sstream>

namespace soilscope::models {

namespace {

torch::nn::AnyModule activation(const std::string& name) {
    if (name == "relu")
        return torch::nn::AnyModule(torch::nn::ReLU());
    if (name == "tanh")
        return torch::nn::AnyModule(torch::nn::Tanh());
    if (name == "sigmoid")
        return torch::nn::AnyModule(torch::nn::Sigmoid());
    if (name == "elu")
        return torch::nn::AnyModule(torch::nn::ELU());
    throw Error("unknown activation '" + name + "'", "model spec");
}

std::int64_t product(const std::vector<std::int64_t>& s) {
    std::int64_t p = 1;
    for (auto v : s)
        p *= v;
    return p;
}

std::vector<std::int64_t> parseWidths(const ModelSpec& spec) {
    std::vector<std::int64_t> widths;
    const auto text = spec.params["widths"].get<std::string>();
    if (!text.empty()) {
        std::stringstream ss(text);
        std::string item;
        while (std::getline(ss, item, ',')) {
            try {
                const long long w = std::stoll(item);
                if (w < 1)
                    throw std::invalid_argument("width");
                widths.push_back(w);
            } catch (const std::exception&) {
                throw Error("bad width '" + item + "' in widths '" + text + "'", "model mlp");
            }
        }
        return widths;
    }
    widths.assign(spec.params["layers"].get<std::size_t>(),
                  spec.params["width"].get<std::int64_t>());
    return widths;
}

using Act = kernels::Activation;

Act actCode(const std::string& name) {
    return kernels::activationFromName(name).value_or(Act::Relu);
}

/// The whole MLP as one autograd node: the forward keeps each layer's activated output and the
/// backward computes every gradient with a few dense kernels, instead of a graph of ~15 nodes
/// whose bookkeeping dominates small batches. Derivatives are taken from the outputs.
struct FusedMlpFunction : public torch::autograd::Function<FusedMlpFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                                 torch::TensorList params, std::int64_t act) {
        std::vector<torch::Tensor> saved{x};
        torch::Tensor h = x;
        const std::size_t layers = params.size() / 2;
        for (std::size_t l = 0; l < layers; ++l) {
            h = torch::addmm(params[2 * l + 1], h, params[2 * l].t());
            if (l + 1 < layers) {
                switch (Act(act)) {
                case Act::Relu:
                    h.relu_();
                    break;
                case Act::Tanh:
                    h.tanh_();
                    break;
                case Act::Sigmoid:
                    h.sigmoid_();
                    break;
                case Act::Elu:
                    torch::elu_(h);
                    break;
                }
                saved.push_back(h);
            }
        }
        saved.insert(saved.end(), params.begin(), params.end());
        ctx->save_for_backward(saved);
        ctx->saved_data["act"] = act;
        return h;
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list grads) {
        const auto saved = ctx->get_saved_variables();
        const auto act = Act(ctx->saved_data["act"].toInt());
        const std::size_t layers = (saved.size() + 1) / 3; // 1 + (L−1) outputs + 2L params
        auto param = [&](std::size_t i) -> const torch::Tensor& { return saved[layers + i]; };
        auto input = [&](std::size_t l) -> const torch::Tensor& { return saved[l]; };
        torch::autograd::tensor_list out(2 * layers + 2);
        torch::Tensor g = grads[0];
        for (std::size_t l = layers; l-- > 0;) {
            if (l + 1 < layers) {
                const auto& y = saved[l + 1];
                switch (act) {
                case Act::Relu:
                    g = torch::threshold_backward(g, y, 0);
                    break;
                case Act::Tanh:
                    g = torch::tanh_backward(g, y);
                    break;
                case Act::Sigmoid:
                    g = torch::sigmoid_backward(g, y);
                    break;
                case Act::Elu:
                    g = torch::elu_backward(g, 1.0, 1.0, 1.0, true, y);
                    break;
                }
            }
            out[1 + 2 * l] = g.t().mm(input(l));
            out[2 + 2 * l] = g.sum(0);
            if (l > 0 || ctx->needs_input_grad(0))
                g = g.mm(param(2 * l));
        }
        if (ctx->needs_input_grad(0))
            out[0] = g;
        return out;
    }
};

struct MlpImpl : torch::nn::Module {
    MlpImpl(std::int64_t inputs, const std::vector<std::int64_t>& widths, const std::string& act,
            double dropout, std::int64_t outputs)
        : dropout(dropout), act(actCode(act)) {
        std::int64_t in = inputs;
        for (const auto w : widths) {
            linears.push_back(torch::nn::Linear(in, w));
            layers->push_back(linears.back());
            layers->push_back(activation(act));
            if (dropout > 0)
                layers->push_back(torch::nn::Dropout(dropout));
            in = w;
        }
        linears.push_back(torch::nn::Linear(in, outputs));
        layers->push_back(linears.back());
        register_module("layers", layers);
    }
    torch::Tensor forward(const torch::Tensor& x) {
        const auto flat = x.flatten(1);
        // Dropout needs the layer graph while training, and so does autocast (bf16: it casts
        // per layer); everything else runs fused.
        if ((dropout > 0 && is_training()) || !flat.is_cpu() || at::autocast::is_cpu_enabled())
            return layers->forward(flat);
        std::vector<torch::Tensor> params;
        for (auto& l : linears) {
            params.push_back(l->weight);
            params.push_back(l->bias);
        }
        return FusedMlpFunction::apply(flat, torch::TensorList(params), std::int64_t(act));
    }
    torch::nn::Sequential layers;
    std::vector<torch::nn::Linear> linears;
    double dropout;
    Act act;
};
TORCH_MODULE(Mlp);

struct CnnImpl : torch::nn::Module {
    CnnImpl(std::int64_t channelsIn, std::int64_t layersCount, std::int64_t channels,
            std::int64_t kernel, const std::string& act, double dropout) {
        std::int64_t in = channelsIn;
        for (std::int64_t i = 0; i < layersCount; ++i) {
            layers->push_back(torch::nn::Conv2d(
                torch::nn::Conv2dOptions(in, channels, kernel).padding(kernel / 2)));
            layers->push_back(activation(act));
            if (dropout > 0)
                layers->push_back(torch::nn::Dropout2d(dropout));
            in = channels;
        }
        layers->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, 1, 1)));
        register_module("layers", layers);
    }
    torch::Tensor forward(const torch::Tensor& x) { return layers->forward(x).squeeze(1); }
    torch::nn::Sequential layers;
};
TORCH_MODULE(Cnn);

/// Weight [k·k, C, O, H, W], bias [O, H, W]: every pixel has its own k×k×C filter per output.
struct LocallyConnected2dImpl : torch::nn::Module {
    LocallyConnected2dImpl(std::int64_t c, std::int64_t h, std::int64_t w, std::int64_t o,
                           std::int64_t k)
        : kernel(k) {
        weight = register_parameter("weight", torch::empty({k * k, c, o, h, w}));
        bias = register_parameter("bias", torch::zeros({o, h, w}));
        const double bound = 1.0 / std::sqrt(double(c * k * k));
        torch::NoGradGuard guard;
        weight.uniform_(-bound, bound);
    }
    torch::Tensor forward(const torch::Tensor& x) {
        return locallyConnected2d(x, weight, bias, int(kernel));
    }
    std::int64_t kernel;
    torch::Tensor weight;
    torch::Tensor bias;
};
TORCH_MODULE(LocallyConnected2d);

struct LocalCnnImpl : torch::nn::Module {
    LocalCnnImpl(std::int64_t c, std::int64_t h, std::int64_t w, std::int64_t k,
                 std::int64_t hidden, const std::string& act)
        : act(activation(act)) {
        if (hidden > 0) {
            first = register_module("first", LocallyConnected2d(c, h, w, hidden, k));
            last = register_module("last", LocallyConnected2d(hidden, h, w, 1, k));
        } else {
            last = register_module("last", LocallyConnected2d(c, h, w, 1, k));
        }
    }
    torch::Tensor forward(const torch::Tensor& x) {
        torch::Tensor y = x;
        if (first)
            y = act.forward(first->forward(y));
        return last->forward(y).squeeze(1);
    }
    torch::nn::AnyModule act;
    LocallyConnected2d first{nullptr};
    LocallyConnected2d last{nullptr};
};
TORCH_MODULE(LocalCnn);

template <class M> std::unique_ptr<NetworkMember::Impl> wrap(M module) {
    auto impl = std::make_unique<NetworkMember::Impl>();
    impl->module = module.ptr();
    impl->forward = [m = module](const at::Tensor& x) mutable { return m->forward(x); };
    return impl;
}

std::string context(const ModelSpec& spec) {
    return "model " + spec.family;
}

} // namespace

void glorotUniform(at::Tensor& tensor, double fanIn, double fanOut) {
    torch::NoGradGuard guard;
    const double limit = std::sqrt(6.0 / (fanIn + fanOut));
    tensor.uniform_(-limit, limit);
}

void initialiseWeights(torch::nn::Module& module, const std::string& scheme) {
    if (scheme == "default")
        return;
    torch::NoGradGuard guard;
    for (auto& item : module.named_parameters(true)) {
        auto& p = item.value();
        const std::string& name = item.key();
        const bool isBias = name.size() >= 4 && name.compare(name.size() - 4, 4, "bias") == 0;
        if (isBias) {
            p.zero_();
            continue;
        }
        if (p.dim() < 2)
            continue;
        double fanIn = 0, fanOut = 0;
        if (p.dim() == 5) { // locally connected [k·k, C, O, H, W]
            // Keras' fans for a locally connected kernel (output positions × inputs, output
            // positions × filters), as in the CNN-l of the method (Keras: Adam eps 1e-7).
            const double positions = double(p.size(3) * p.size(4));
            fanIn = double(p.size(0) * p.size(1)) * positions;
            fanOut = double(p.size(2)) * positions;
        } else { // Linear [out, in] or Conv [out, in, kh, kw]
            const double receptive = p.dim() > 2 ? double(p[0][0].numel()) : 1.0;
            fanIn = double(p.size(1)) * receptive;
            fanOut = double(p.size(0)) * receptive;
        }
        if (scheme == "glorot")
            glorotUniform(p, fanIn, fanOut);
        else if (scheme == "kaiming")
            p.uniform_(-std::sqrt(6.0 / fanIn), std::sqrt(6.0 / fanIn));
        else
            throw Error("unknown initialisation '" + scheme + "'", "model spec");
    }
}

std::unique_ptr<NetworkMember::Impl>
buildFeedForward(const ModelSpec& spec, const std::vector<std::int64_t>& featureShape,
                 const std::vector<std::int64_t>& targetShape) {
    const auto& p = spec.params;
    std::unique_ptr<NetworkMember::Impl> impl;
    if (spec.family == "mlp") {
        impl = wrap(Mlp(product(featureShape), parseWidths(spec), p["activation"], p["dropout"],
                        product(targetShape)));
    } else {
        if (featureShape.size() != 3 || targetShape.size() != 2 ||
            targetShape[0] != featureShape[1] || targetShape[1] != featureShape[2])
            throw Error("needs image samples: features [C, H, W] and targets [H, W]",
                        context(spec));
        const std::int64_t kernel = p["kernel"];
        if (kernel % 2 == 0)
            throw Error("kernel size must be odd", context(spec));
        if (spec.family == "cnn")
            impl = wrap(Cnn(featureShape[0], p["layers"], p["channels"], kernel, p["activation"],
                            p["dropout"]));
        else if (spec.family == "locally_connected")
            impl = wrap(LocalCnn(featureShape[0], featureShape[1], featureShape[2], kernel,
                                 p["hidden_channels"], p["activation"]));
        else
            throw Error("not a feed-forward family", context(spec));
    }
    initialiseWeights(*impl->module, p["init"]);
    return impl;
}

} // namespace soilscope::models
