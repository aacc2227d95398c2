#pragma once
#include "base/process_group.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace soilscope {

/// Runs fn(rowBegin, rowEnd) over [0, rows) split into contiguous blocks on up to two threads
/// (the desktops SoilScope targets have two cores). fn must only write to its own rows and
/// draw random numbers keyed by row, so the result does not depend on the split.
inline void parallelRows(int rows, const std::function<void(int, int)>& fn) {
    const int threads = std::clamp(processorShare(), 1, 2);
    if (threads == 1 || rows < 8) {
        fn(0, rows);
        return;
    }
    const int half = rows / 2;
    std::exception_ptr error;
    std::thread worker([&] {
        try {
            fn(half, rows);
        } catch (...) {
            error = std::current_exception();
        }
    });
    try {
        fn(0, half);
    } catch (...) {
        worker.join();
        throw;
    }
    worker.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace soilscope
