// Recurrent LibTorch families: LSTM/GRU sequence-to-sequence and the WCM-guided LSTM.
#include "base/error.h"
#include "models/network_builders.h"
#include "models/wcm_settings.h"

#include <torch/torch.h>

#include <cmath>

namespace soilscope::models {

namespace {

constexpr double kPi = 3.14159265358979323846;

/// Keras-equivalent initialisation: Glorot-uniform input weights, orthogonal recurrent
/// weights, zero biases with the LSTM forget gate bias at 1 (PyTorch gate order i, f, g, o).
void kerasRecurrentInit(torch::nn::Module& rnn, std::int64_t hidden, bool lstm) {
    torch::NoGradGuard guard;
    for (auto& item : rnn.named_parameters(false)) {
        const std::string& name = item.key();
        auto& p = item.value();
        if (name.rfind("weight_ih", 0) == 0) {
            glorotUniform(p, double(p.size(1)), double(p.size(0)));
        } else if (name.rfind("weight_hh", 0) == 0) {
            // Keras draws one orthogonal [h, gates·h] matrix; its transpose is PyTorch's layout.
            auto q = torch::empty({p.size(1), p.size(0)});
            torch::nn::init::orthogonal_(q);
            p.copy_(q.t());
        } else if (name.rfind("bias_ih", 0) == 0) {
            p.zero_();
            if (lstm)
                p.slice(0, hidden, 2 * hidden).fill_(1.0);
        } else if (name.rfind("bias_hh", 0) == 0) {
            p.zero_();
        }
    }
}

torch::Tensor recurrentPenalty(torch::nn::Module& rnn, double l2) {
    torch::Tensor sum = torch::zeros({}, rnn.parameters().front().options());
    if (l2 <= 0)
        return sum;
    for (auto& item : rnn.named_parameters(true))
        if (item.key().find("weight_hh") != std::string::npos)
            sum = sum + item.value().pow(2).sum();
    return sum * l2;
}

/// LSTM or GRU over [b, T, p], dropout, then a dense output per step → [b, T].
struct SeqNetImpl : torch::nn::Module {
    SeqNetImpl(std::int64_t inputs, std::int64_t hidden, std::int64_t layers, double dropout,
               bool useGru, const std::string& init)
        : gru(useGru) {
        if (gru)
            gruLayer =
                register_module("rnn", torch::nn::GRU(torch::nn::GRUOptions(inputs, hidden)
                                                          .num_layers(layers)
                                                          .batch_first(true)
                                                          .dropout(layers > 1 ? dropout : 0.0)));
        else
            lstmLayer =
                register_module("rnn", torch::nn::LSTM(torch::nn::LSTMOptions(inputs, hidden)
                                                           .num_layers(layers)
                                                           .batch_first(true)
                                                           .dropout(layers > 1 ? dropout : 0.0)));
        drop = register_module("dropout", torch::nn::Dropout(dropout));
        head = register_module("head", torch::nn::Linear(hidden, 1));
        if (init == "keras") {
            kerasRecurrentInit(rnnModule(), hidden, !gru);
            glorotUniform(head->weight, double(hidden), 1.0);
            torch::NoGradGuard guard;
            head->bias.zero_();
        }
    }
    torch::nn::Module& rnnModule() {
        return gru ? static_cast<torch::nn::Module&>(*gruLayer)
                   : static_cast<torch::nn::Module&>(*lstmLayer);
    }
    torch::Tensor forward(const torch::Tensor& x) {
        torch::Tensor seq =
            gru ? std::get<0>(gruLayer->forward(x)) : std::get<0>(lstmLayer->forward(x));
        return head->forward(drop->forward(seq)).squeeze(-1);
    }
    bool gru;
    torch::nn::LSTM lstmLayer{nullptr};
    torch::nn::GRU gruLayer{nullptr};
    torch::nn::Dropout drop{nullptr};
    torch::nn::Linear head{nullptr};
};
TORCH_MODULE(SeqNet);

/// σveg = A·v1·cosθ·(1 − γ²) and γ² = exp(−2·B·v2 / cosθ) (θ in degrees): the tensor form of
/// kernels::waterCloudCanopy (kernels/water_cloud.h, whose guard convention the layer follows).
std::pair<torch::Tensor, torch::Tensor> wcmVegetation(const torch::Tensor& thetaDeg,
                                                      const torch::Tensor& v1,
                                                      const torch::Tensor& v2,
                                                      const torch::Tensor& a, double b) {
    const auto cosTheta = torch::cos(thetaDeg * (kPi / 180.0));
    const auto gamma2 = torch::exp(-2.0 * b * v2 / cosTheta);
    return {a * v1 * cosTheta * (1.0 - gamma2), gamma2};
}

/// Water Cloud Model layer with learnable logA (one per land-cover class) feeding an LSTM
/// over [σsoil(dB) scaled, the auxiliary features]. The physics inputs (σobs, θ, class and,
/// unless lstmVegetation, v1/v2) stay out of the LSTM: with the vegetation inputs in it the
/// network can undo any A and A is no longer identified. logA is stored as logA / aLrScale.
/// With guardWeight > 0 a training forward also records the physics penalty
/// mean(max(0, σveg/σobs − (1 − guardShare))): points where the vegetation term eats the whole
/// observation carry vegetation information into the LSTM through the guard, which rewards a
/// too-large A; the WCM itself requires σveg < σobs.
struct WcmLstmImpl : torch::nn::Module {
    WcmLstmImpl(const WcmSettings& s, std::int64_t features, std::int64_t hidden,
                std::int64_t layers, double dropout, const std::string& init)
        : cfg(s) {
        logA = register_parameter("logA", torch::full({s.classes}, std::log(s.aInit) / s.aLrScale));
        aux = wcmAuxFeatures(s, features);
        auxIndex = register_buffer("aux_index", torch::tensor(aux, torch::kLong));
        net = register_module(
            "seq", SeqNet(std::int64_t(aux.size()) + 1, hidden, layers, dropout, false, init));
    }
    torch::Tensor feature(const torch::Tensor& x, std::int64_t i) { return x.select(2, i); }
    torch::Tensor forward(const torch::Tensor& x) { return net->forward(sequenceInput(x)); }
    /// The LSTM's input [b, T, 1 + aux]: the scaled soil backscatter, then the auxiliary features.
    torch::Tensor sequenceInput(const torch::Tensor& x) {
        auto sigma = feature(x, cfg.sigma0);
        if (cfg.sigma0Db)
            sigma = torch::pow(10.0, sigma / 10.0);
        const auto theta =
            cfg.theta >= 0 ? feature(x, cfg.theta) : torch::full_like(sigma, cfg.thetaDeg);
        const auto v1 = cfg.v1 >= 0 ? feature(x, cfg.v1) : torch::ones_like(sigma);
        const auto v2 = feature(x, cfg.v2);
        torch::Tensor a;
        if (cfg.landcover >= 0) {
            const auto cls = feature(x, cfg.landcover).round().clamp(0, double(cfg.classes - 1));
            a = (logA * cfg.aLrScale).exp().index({cls.to(torch::kLong)});
        } else {
            a = (logA * cfg.aLrScale).exp()[0];
        }
        const auto soilDb =
            wcmSoilBackscatterDb(sigma, theta, v1, v2, a, cfg.b, 1e-6, cfg.guardShare);
        if (cfg.guardWeight > 0 && is_training()) {
            const auto ratio =
                wcmVegetation(theta, v1, v2, a, cfg.b).first / torch::clamp_min(sigma, 1e-12);
            guardPenalty = cfg.guardWeight * torch::relu(ratio - (1.0 - cfg.guardShare)).mean();
        }
        const auto soil = ((soilDb - cfg.soilCentre) / cfg.soilScale).unsqueeze(-1);
        const auto rest = aux.empty() ? torch::Tensor() : x.index_select(2, auxIndex);
        return aux.empty() ? soil : torch::cat({soil, rest}, 2);
    }
    WcmSettings cfg;
    std::vector<std::int64_t> aux;
    torch::Tensor logA;
    torch::Tensor auxIndex;
    torch::Tensor guardPenalty; ///< of the last training forward (undefined before)
    SeqNet net{nullptr};
};
TORCH_MODULE(WcmLstm);

} // namespace

at::Tensor wcmSoilBackscatterDb(const at::Tensor& sigma0Linear, const at::Tensor& thetaDeg,
                                const at::Tensor& v1, const at::Tensor& v2, const at::Tensor& a,
                                double b, double floor, double guardShare) {
    const auto [veg, gamma2] = wcmVegetation(thetaDeg, v1, v2, a, b);
    auto difference = sigma0Linear - veg;
    if (guardShare > 0) {
        const auto eps = torch::clamp_min(guardShare * sigma0Linear, floor);
        difference = eps * torch::softplus(difference / eps);
    }
    return 10.0 * torch::log10(torch::clamp_min(difference / gamma2, floor));
}

std::unique_ptr<NetworkMember::Impl> buildRecurrent(const ModelSpec& spec,
                                                    const std::vector<std::int64_t>& featureShape,
                                                    const std::vector<std::int64_t>& targetShape) {
    const std::string ctx = "model " + spec.family;
    if (featureShape.size() != 2 || targetShape.size() != 1 || targetShape[0] != featureShape[0])
        throw Error("needs sequence samples: features [T, p] and targets [T]", ctx);
    const auto& p = spec.params;
    const std::int64_t features = featureShape[1];
    const std::int64_t hidden = p["hidden"], layers = p["layers"];
    const double dropout = p["dropout"], l2 = p["recurrent_l2"];
    auto impl = std::make_unique<NetworkMember::Impl>();
    if (spec.family == "lstm" || spec.family == "gru") {
        SeqNet net(features, hidden, layers, dropout, spec.family == "gru", p["init"]);
        impl->module = net.ptr();
        impl->forward = [net](const at::Tensor& x) mutable { return net->forward(x); };
        if (l2 > 0)
            impl->regularization = [net, l2]() mutable {
                return recurrentPenalty(net->rnnModule(), l2);
            };
        if (!net->gru)
            impl->sequenceCore = net.ptr();
        return impl;
    }
    if (spec.family != "wcm_lstm")
        throw Error("not a recurrent family", ctx);
    const WcmSettings s = wcmSettingsOf(p);
    for (const std::int64_t i : {s.sigma0, s.theta, s.v1, s.v2, s.landcover})
        if (i >= features)
            throw Error("feature index " + std::to_string(i) + " beyond the " +
                            std::to_string(features) + " features",
                        ctx);
    WcmLstm net(s, features, hidden, layers, dropout, p["init"]);
    impl->module = net.ptr();
    impl->forward = [net](const at::Tensor& x) mutable { return net->forward(x); };
    impl->sequenceCore = net->net.ptr();
    impl->sequenceInput = [net](const at::Tensor& x) mutable { return net->sequenceInput(x); };
    if (l2 > 0 || s.guardWeight > 0)
        impl->regularization = [net, l2]() mutable {
            auto penalty = recurrentPenalty(net->net->rnnModule(), l2);
            if (net->guardPenalty.defined())
                penalty = penalty + net->guardPenalty;
            net->guardPenalty = torch::Tensor();
            return penalty;
        };
    impl->constants = [net]() mutable {
        std::vector<std::pair<std::string, double>> out;
        const auto a = (net->logA.detach() * net->cfg.aLrScale).exp().cpu();
        for (std::int64_t i = 0; i < a.size(0); ++i)
            out.emplace_back(a.size(0) == 1 ? "A" : "A_" + std::to_string(i), a[i].item<double>());
        return out;
    };
    return impl;
}

} // namespace soilscope::models
