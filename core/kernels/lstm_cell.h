#pragma once
// The LSTM cell, one implementation (PyTorch's gate order: input, forget, cell, output) for the
// hand-written training path (training/lstm_sequence_stepper.cpp) and the CPU evaluator
// (inference/fast_lstm.cpp). Header-only so that it inlines into their vectorised lane loops.
// `Math` is ExactMath (std::exp, std::tanh: training, to match LibTorch to float round-off) or
// FastMath (polynomial e^x the compiler vectorises: inference, absolute error about 1e-7).
#include "kernels/float_math.h"

namespace soilscope::kernels {

/// The activated gates of one unit at one step.
struct LstmGates {
    float i, f, g, o;
};

/// One unit's step forward from the gate pre-activations and its previous cell state:
/// gates = (σ(a_i), σ(a_f), tanh(a_g), σ(a_o)), c = f·c_prev + i·g, h = o·tanh(c).
struct LstmStep {
    LstmGates gates;
    float cell, cellTanh, out;
};

template <class Math>
__attribute__((always_inline)) inline LstmStep lstmStep(float ai, float af, float ag, float ao,
                                                        float cellPrev) {
    LstmStep s;
    s.gates = {Math::sigmoid(ai), Math::sigmoid(af), Math::tanh(ag), Math::sigmoid(ao)};
    s.cell = s.gates.f * cellPrev + s.gates.i * s.gates.g;
    s.cellTanh = Math::tanh(s.cell);
    s.out = s.gates.o * s.cellTanh;
    return s;
}

/// One unit's step backward: from dL/dh at this step (from above and from the next step) and
/// dL/dc carried back from the next step, the gradients of the gate pre-activations; `cellCarry`
/// is dL/dc to carry to the previous step.
struct LstmStepGradients {
    float i, f, g, o;
    float cellCarry;
};

inline LstmStepGradients lstmStepBackward(const LstmGates& a, float cellTanh, float cellPrev,
                                          float dOut, float dCellNext) {
    const float dc = dOut * a.o * (1.0f - cellTanh * cellTanh) + dCellNext;
    return {dc * a.g * a.i * (1.0f - a.i), dc * cellPrev * a.f * (1.0f - a.f),
            dc * a.i * (1.0f - a.g * a.g), dOut * cellTanh * a.o * (1.0f - a.o), dc * a.f};
}

} // namespace soilscope::kernels
