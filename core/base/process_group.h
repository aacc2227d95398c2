#pragma once
// The processes one run is spread over: MPI ranks under mpirun, one process otherwise. Core
// knows only this interface; the MPI implementation lives in the command-line tool.
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace soilscope {

/// The processes that run one task together. Collective calls (allGather, broadcast) must be
/// made by every process of the group, in the same order.
class ProcessGroup {
  public:
    virtual ~ProcessGroup() = default;
    virtual int rank() const { return 0; }
    virtual int size() const { return 1; }
    /// Processes of the group on this machine (they share its cores).
    virtual int localSize() const { return 1; }
    /// Every process's text, in rank order, on every process.
    virtual std::vector<std::string> allGather(const std::string& mine) { return {mine}; }
    /// Every process's text, in rank order, on rank 0; nothing on the others.
    virtual std::vector<std::string> gather(const std::string& mine) { return {mine}; }
    /// Rank 0's text on every process (the others' argument is ignored).
    virtual std::string broadcast(const std::string& fromRoot) { return fromRoot; }
    bool isRoot() const { return rank() == 0; }
};

/// The group of this process: one process unless a front-end installed another (or a
/// SingleProcessScope is alive on this thread).
ProcessGroup& processGroup();

/// While alive, processGroup() on this thread is this process alone: collective calls stay
/// local. For units inside units and for work that only one process does.
class SingleProcessScope {
  public:
    SingleProcessScope();
    ~SingleProcessScope();
    SingleProcessScope(const SingleProcessScope&) = delete;
    SingleProcessScope& operator=(const SingleProcessScope&) = delete;
};
/// Installs the group (the command-line tool under mpirun); nullptr restores one process.
void installProcessGroup(std::unique_ptr<ProcessGroup> group);

/// Work not split into units: fn() on the root process alone (its collective calls stay local),
/// others() on the other processes.
template <class Fn, class Others> auto onRootAlone(Fn&& fn, Others&& others) {
    if (processGroup().size() > 1 && !processGroup().isRoot())
        return others();
    const SingleProcessScope alone;
    return fn();
}

/// Runs `fn` on the root process only (e.g. to begin a run in a store only it writes) and
/// returns its text on every process. When it throws, the root rethrows and every other
/// process throws a soilscope::Error with the same message and context: none waits forever.
std::string runOnRoot(const std::function<std::string()>& fn);

/// While alive (process-wide), the processes of the group compute side by side — the units of a
/// run — and processorShare() gives each an equal part of its machine's cores.
class SharedComputeScope {
  public:
    SharedComputeScope();
    ~SharedComputeScope();
    SharedComputeScope(const SharedComputeScope&) = delete;
    SharedComputeScope& operator=(const SharedComputeScope&) = delete;
};

/// The cores this process may keep busy: an equal part of its machine's for each process of the
/// group on it while their units run (SharedComputeScope), all of them otherwise — then process
/// 0 works alone (work not split into units, the outputs after the units) while the others
/// wait, or every process repeats the same set-up. At least 1.
int processorShare();

} // namespace soilscope
