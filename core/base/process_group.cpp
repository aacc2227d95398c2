#include "base/process_group.h"

#include "base/error.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace soilscope {

namespace {
std::unique_ptr<ProcessGroup>& installed() {
    static std::unique_ptr<ProcessGroup> group = std::make_unique<ProcessGroup>();
    return group;
}
thread_local int t_singleScopes = 0;
std::atomic<int> g_sharedComputeScopes{0};
} // namespace

ProcessGroup& processGroup() {
    static ProcessGroup alone;
    return t_singleScopes > 0 ? alone : *installed();
}

SingleProcessScope::SingleProcessScope() {
    ++t_singleScopes;
}

SingleProcessScope::~SingleProcessScope() {
    --t_singleScopes;
}

SharedComputeScope::SharedComputeScope() {
    ++g_sharedComputeScopes;
}

SharedComputeScope::~SharedComputeScope() {
    --g_sharedComputeScopes;
}

void installProcessGroup(std::unique_ptr<ProcessGroup> group) {
    installed() = group ? std::move(group) : std::make_unique<ProcessGroup>();
}

std::string runOnRoot(const std::function<std::string()>& fn) {
    ProcessGroup& group = processGroup();
    if (group.size() == 1)
        return fn();
    std::string text;
    if (group.isRoot()) {
        try {
            text = "=" + fn();
        } catch (const std::exception& e) {
            const auto* error = dynamic_cast<const Error*>(&e);
            group.broadcast("!" + (error ? error->message() : std::string(e.what())) + "\n" +
                            (error ? error->context() : std::string()));
            throw;
        }
    }
    text = group.broadcast(text);
    if (text.starts_with("!")) {
        const auto newline = text.find('\n');
        throw Error(text.substr(1, newline - 1), text.substr(newline + 1));
    }
    return text.substr(1);
}

int processorShare() {
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    if (g_sharedComputeScopes.load() == 0)
        return cores;
    // The installed group, also inside a SingleProcessScope: the other processes still run.
    return std::max(1, cores / std::max(1, installed()->localSize()));
}

} // namespace soilscope
