#include "analysis/fftw_support.h"

namespace soilscope::analysis {

std::mutex& fftwPlannerMutex() {
    static std::mutex mutex;
    return mutex;
}

int fftwGoodSize(int minimum) {
    for (int n = minimum < 1 ? 1 : minimum;; ++n) {
        int r = n;
        for (const int p : {2, 3, 5, 7})
            while (r % p == 0)
                r /= p;
        if (r == 1)
            return n;
    }
}

} // namespace soilscope::analysis
