#include "kernels/activation.h"

namespace soilscope::kernels {

const std::vector<std::string>& activationNames() {
    static const std::vector<std::string> names{"relu", "tanh", "sigmoid", "elu"};
    return names;
}

const char* activationName(Activation activation) {
    return activationNames()[std::size_t(activation)].c_str();
}

std::optional<Activation> activationFromName(const std::string& name) {
    const auto& names = activationNames();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name)
            return Activation(i);
    return std::nullopt;
}

} // namespace soilscope::kernels
