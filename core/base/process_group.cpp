#include "base/process_group.h"

#include <algorithm>
#include <thread>

namespace soilscope {

namespace {
std::unique_ptr<ProcessGroup>& installed() {
    static std::unique_ptr<ProcessGroup> group = std::make_unique<ProcessGroup>();
    return group;
}
} // namespace

ProcessGroup& processGroup() {
    return *installed();
}

void installProcessGroup(std::unique_ptr<ProcessGroup> group) {
    installed() = group ? std::move(group) : std::make_unique<ProcessGroup>();
}

int processorShare() {
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    return std::max(1, cores / std::max(1, processGroup().localSize()));
}

} // namespace soilscope
