#pragma once
#include <optional>
#include <string>
#include <vector>

namespace soilscope::kernels {

/// The hidden activations of SoilScope's networks (ELU with alpha 1); one enum for the LibTorch
/// modules, the hand-written training paths and the CPU evaluators.
enum class Activation { Relu, Tanh, Sigmoid, Elu };

/// "relu", "tanh", "sigmoid", "elu".
const char* activationName(Activation activation);
/// Every activation's name, in enum order (the choices of a model's "activation" setting).
const std::vector<std::string>& activationNames();
/// The activation of a name; nullopt when unknown.
std::optional<Activation> activationFromName(const std::string& name);

} // namespace soilscope::kernels
