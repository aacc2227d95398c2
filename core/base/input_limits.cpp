#include "base/input_limits.h"

#include "base/error.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

namespace soilscope {

namespace {
InputLimits g_limits;
std::atomic<bool> g_interrupted{false};
} // namespace

const InputLimits& inputLimits() {
    return g_limits;
}

void setMaxUnpackedBytes(std::uint64_t bytes) {
    g_limits.maxUnpackedBytes = bytes;
    g_limits.raisedByUser = true;
}

std::uint64_t parseByteSize(const std::string& text) {
    const char* begin = text.c_str();
    char* end = nullptr;
    const double value = std::strtod(begin, &end);
    std::string unit(end);
    while (!unit.empty() && unit.front() == ' ')
        unit.erase(unit.begin());
    double factor = 0;
    if (unit.empty() || unit == "B")
        factor = 1;
    else if (unit == "k" || unit == "K" || unit == "KiB" || unit == "kB")
        factor = 1024.0;
    else if (unit == "M" || unit == "MiB" || unit == "MB")
        factor = 1024.0 * 1024.0;
    else if (unit == "G" || unit == "GiB" || unit == "GB")
        factor = 1024.0 * 1024.0 * 1024.0;
    else if (unit == "T" || unit == "TiB" || unit == "TB")
        factor = 1024.0 * 1024.0 * 1024.0 * 1024.0;
    if (end == begin || factor == 0 || !std::isfinite(value) || value <= 0 ||
        value * factor > 1.8e19)
        throw UsageError("'" + text + "' is not a size (a positive number with B, K, M, G or T)");
    return static_cast<std::uint64_t>(value * factor);
}

std::string formatByteSize(std::uint64_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = static_cast<double>(bytes);
    int u = 0;
    while (v >= 1024.0 && u < 4) {
        v /= 1024.0;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    return buf;
}

std::uint64_t availableMemoryBytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::uint64_t kib = 0;
    std::string unit;
    while (meminfo >> key >> kib >> unit)
        if (key == "MemAvailable:")
            return kib * 1024;
    const long pages = sysconf(_SC_AVPHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && pageSize > 0 ? static_cast<std::uint64_t>(pages) * pageSize : UINT64_MAX;
}

void checkMemoryFor(std::uint64_t bytes, const std::string& what, const std::string& context) {
    const std::uint64_t available = availableMemoryBytes();
    if (bytes > available)
        throw Error("reading " + what + " needs " + formatByteSize(bytes) +
                        " of memory, more than "
                        "the " +
                        formatByteSize(available) +
                        " available; read a smaller window "
                        "or a coarser overview",
                    context);
}

void requestInterrupt() {
    g_interrupted.store(true, std::memory_order_relaxed);
}

bool interruptRequested() {
    return g_interrupted.load(std::memory_order_relaxed);
}

} // namespace soilscope
