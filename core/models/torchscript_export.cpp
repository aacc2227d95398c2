// TorchScript export: LibTorch 1.13 cannot script C++ nn::Modules, so the module is rebuilt as
// a torch::jit::Module with the member's parameters and a forward written in TorchScript.
#include "models/torchscript_export.h"

#include "base/error.h"
#include "features/normaliser.h"
#include "models/network.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <map>
#include <sstream>

namespace soilscope::models {

namespace {

/// TorchScript source for the hidden activation.
std::string activated(const std::string& act, const std::string& v) {
    if (act == "relu" || act == "tanh" || act == "sigmoid" || act == "elu")
        return "torch." + act + "(" + v + ")";
    throw Error("no TorchScript form of the activation '" + act + "'");
}

std::string shapeList(const std::vector<std::int64_t>& tail) {
    std::string s = "[n";
    for (const auto v : tail)
        s += ", " + std::to_string(v);
    return s + "]";
}

/// One member's parameters by their LibTorch names, copied to the CPU.
class Params {
  public:
    explicit Params(const NetworkMember& member) {
        for (const auto& p : member.module().named_parameters(true))
            m_values.emplace(p.key(), p.value().detach().to(torch::kCPU).clone());
    }
    bool has(const std::string& name) const { return m_values.count(name) > 0; }
    const torch::Tensor& at(const std::string& name) const {
        const auto it = m_values.find(name);
        if (it == m_values.end())
            throw Error("the network has no parameter '" + name + "'");
        return it->second;
    }
    /// Registers a parameter on the module and returns its TorchScript name.
    std::string use(torch::jit::Module& m, const std::string& name) const {
        std::string id = "p_" + name;
        for (char& c : id)
            if (c == '.')
                c = '_';
        if (!m.hasattr(id))
            m.register_parameter(id, at(name), false);
        return "self." + id;
    }
    /// Names "<prefix><i>.weight" with i ascending, in order (Sequential layers).
    std::vector<std::string> sequentialWeights(const std::string& prefix) const {
        std::map<int, std::string> found;
        for (const auto& [name, value] : m_values) {
            (void)value;
            if (name.rfind(prefix, 0) != 0 || name.size() < 7 ||
                name.substr(name.size() - 7) != ".weight")
                continue;
            found[std::stoi(name.substr(prefix.size()))] = name.substr(0, name.size() - 7);
        }
        std::vector<std::string> out;
        for (const auto& [i, n] : found)
            out.push_back(n);
        return out;
    }

  private:
    std::map<std::string, torch::Tensor> m_values;
};

/// forward(x) of one member on normalised input, as TorchScript source lines.
std::string memberSource(torch::jit::Module& m, const ModelSpec& spec, const Params& p,
                         const std::vector<std::int64_t>& targetShape) {
    const std::string& f = spec.family;
    std::ostringstream s;
    s << "def forward(self, x):\n    n = x.size(0)\n";
    if (f == "mlp") {
        const auto layers = p.sequentialWeights("layers.");
        s << "    h = x.flatten(1)\n";
        for (std::size_t i = 0; i < layers.size(); ++i) {
            s << "    h = torch.addmm(" << p.use(m, layers[i] + ".bias") << ", h, "
              << p.use(m, layers[i] + ".weight") << ".t())\n";
            if (i + 1 < layers.size())
                s << "    h = " << activated(spec.params["activation"].get<std::string>(), "h")
                  << "\n";
        }
    } else if (f == "cnn") {
        const auto layers = p.sequentialWeights("layers.");
        s << "    h = x\n";
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const auto pad = p.at(layers[i] + ".weight").size(2) / 2;
            s << "    h = torch.conv2d(h, " << p.use(m, layers[i] + ".weight") << ", "
              << p.use(m, layers[i] + ".bias") << ", [1, 1], [" << pad << ", " << pad << "])\n";
            if (i + 1 < layers.size())
                s << "    h = " << activated(spec.params["activation"].get<std::string>(), "h")
                  << "\n";
        }
        s << "    h = h.squeeze(1)\n";
    } else if (f == "locally_connected") {
        const int k = spec.params["kernel"];
        s << "    h = x\n";
        if (p.has("first.weight"))
            s << "    h = "
              << activated(spec.params["activation"].get<std::string>(),
                           "self.lc(h, " + p.use(m, "first.weight") + ", " +
                               p.use(m, "first.bias") + ", " + std::to_string(k) + ")")
              << "\n";
        s << "    h = self.lc(h, " << p.use(m, "last.weight") << ", " << p.use(m, "last.bias")
          << ", " << k << ").squeeze(1)\n";
        m.define(R"(
def lc(self, x, weight, bias, kernel: int):
    height = x.size(2)
    width = x.size(3)
    pad = kernel // 2
    padded = torch.constant_pad_nd(x, [pad, pad, pad, pad], 0.0)
    out = bias.unsqueeze(0)
    for dy in range(kernel):
        for dx in range(kernel):
            shifted = padded[:, :, dy:dy + height, dx:dx + width]
            out = out + (shifted.unsqueeze(2) * weight[dy * kernel + dx].unsqueeze(0)).sum(1)
    return out
)");
    } else if (f == "lstm" || f == "gru") {
        const std::int64_t layers = spec.params["layers"], hidden = spec.params["hidden"];
        std::string weights;
        for (std::int64_t l = 0; l < layers; ++l)
            for (const char* w : {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"})
                weights += (weights.empty() ? "" : ", ") +
                           p.use(m, "rnn." + std::string(w) + std::to_string(l));
        s << "    h0 = torch.zeros([" << layers << ", n, " << hidden
          << "], dtype=x.dtype, device=x.device)\n";
        if (f == "lstm")
            s << "    seq = torch.lstm(x, [h0, h0], [" << weights << "], True, " << layers
              << ", 0.0, False, False, True)[0]\n";
        else
            s << "    seq = torch.gru(x, h0, [" << weights << "], True, " << layers
              << ", 0.0, False, False, True)[0]\n";
        s << "    h = torch.matmul(seq, " << p.use(m, "head.weight") << ".t()) + "
          << p.use(m, "head.bias") << "\n";
    } else {
        throw Error("the model family '" + f + "' has no TorchScript form");
    }
    s << "    return h.reshape(" << shapeList(targetShape) << ")\n";
    return s.str();
}

} // namespace

bool torchScriptSupported(const std::string& family) {
    return family == "mlp" || family == "cnn" || family == "locally_connected" ||
           family == "lstm" || family == "gru";
}

nlohmann::json saveTorchScript(const TrainedModel& model, const nlohmann::json& normalisation,
                               const std::filesystem::path& file) {
    const std::string& family = model.spec().family;
    if (!torchScriptSupported(family))
        throw Error("the model family '" + family + "' has no TorchScript form", file.string());
    try {
        const auto layout = features::channelLayout(model.featureShape());
        std::vector<float> offset(layout.channels, 0.0f), inverse(layout.channels, 1.0f);
        const bool normalised = normalisation.is_object() && !normalisation.empty();
        if (normalised) {
            const auto n = features::Normaliser::fromJson(normalisation, file.string());
            if (n.channels() != layout.channels)
                throw Error("the normalisation has " + std::to_string(n.channels()) +
                            " channels, the model " + std::to_string(layout.channels));
            for (std::size_t c = 0; c < layout.channels; ++c) {
                offset[c] = float(n.offsets()[c]);
                inverse[c] = float(1.0 / n.scales()[c]);
            }
        }
        std::vector<std::int64_t> channelShape{std::int64_t(layout.channels)};
        if (layout.channelFirst)
            channelShape.insert(channelShape.end(), model.featureShape().size() - 1, 1);
        torch::jit::Module top("SoilScopeModel");
        top.register_buffer("offset", torch::tensor(offset).reshape(channelShape));
        top.register_buffer("inv_scale", torch::tensor(inverse).reshape(channelShape));
        std::ostringstream forward;
        forward << "def forward(self, x):\n"
                << "    z = torch.nan_to_num((x - self.offset) * self.inv_scale, 0.0, 0.0, 0.0)\n";
        const auto& members = model.members();
        for (std::size_t i = 0; i < members.size(); ++i) {
            const auto* net = dynamic_cast<const NetworkMember*>(members[i].get());
            if (!net)
                throw Error("member " + std::to_string(i) + " is not a LibTorch network");
            torch::jit::Module member("SoilScopeMember" + std::to_string(i));
            member.define(memberSource(member, model.spec(), Params(*net), model.targetShape()));
            top.register_module("m" + std::to_string(i), member);
            forward << (i == 0 ? "    y = " : "    y = y + ") << "self.m" << i << ".forward(z)\n";
        }
        forward << "    return y / " << members.size() << ".0\n";
        top.define(forward.str());
        top.eval();
        top.save(file.string());
        return {{"file", file.filename().string()},
                {"format", "torchscript"},
                {"input", "raw predictors [n, " + nlohmann::json(model.featureShape()).dump() +
                              "] float32 in feature_names order"},
                {"output", "soil moisture [n, " + nlohmann::json(model.targetShape()).dump() + "]"},
                {"normalisation",
                 normalised ? "folded in: (x - offset) * inv_scale, then non-finite values -> 0"
                            : "none; non-finite values -> 0"},
                {"members", members.size()}};
    } catch (const c10::Error& e) {
        throw Error(std::string("cannot build the TorchScript module: ") +
                        e.what_without_backtrace(),
                    file.string());
    } catch (const Error& e) {
        throw Error("TorchScript export: " + e.message(), file.string());
    }
}

} // namespace soilscope::models
