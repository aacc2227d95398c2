#pragma once
// What a call throws as soilscope::Error, for tests that check a message ("" when it does not).
#include "base/error.h"

#include <string>

namespace soilscope::testing {

template <class Call> std::string errorMessageOf(Call&& call) {
    try {
        call();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace soilscope::testing
