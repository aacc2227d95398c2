#include "mpi_process_group.h"

#include <cstdlib>

#ifdef SOILSCOPE_WITH_MPI
#include <mpi.h>

#include <climits>
#include <stdexcept>
#include <string_view>
#endif

namespace soilscope::cli {

#ifdef SOILSCOPE_WITH_MPI
namespace {

bool g_started = false;

void check(int code, const char* what) {
    if (code != MPI_SUCCESS)
        throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

class MpiProcessGroup : public ProcessGroup {
  public:
    MpiProcessGroup() {
        MPI_Comm_rank(MPI_COMM_WORLD, &m_rank);
        MPI_Comm_size(MPI_COMM_WORLD, &m_size);
        MPI_Comm local = MPI_COMM_NULL;
        MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, m_rank, MPI_INFO_NULL, &local);
        MPI_Comm_size(local, &m_localSize);
        MPI_Comm_free(&local);
    }
    int rank() const override { return m_rank; }
    int size() const override { return m_size; }
    int localSize() const override { return m_localSize; }

    std::vector<std::string> allGather(const std::string& mine) override {
        const Layout l = layoutOf(mine);
        std::string all(l.total, '\0');
        check(MPI_Allgatherv(mine.data(), l.lengths[std::size_t(m_rank)], MPI_CHAR, all.data(),
                             l.lengths.data(), l.offsets.data(), MPI_CHAR, MPI_COMM_WORLD),
              "gathering results");
        return split(all, l);
    }

    std::vector<std::string> gather(const std::string& mine) override {
        const Layout l = layoutOf(mine);
        std::string all(m_rank == 0 ? l.total : 0, '\0');
        check(MPI_Gatherv(mine.data(), l.lengths[std::size_t(m_rank)], MPI_CHAR, all.data(),
                          l.lengths.data(), l.offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD),
              "gathering results");
        return m_rank == 0 ? split(all, l) : std::vector<std::string>{};
    }

    std::string broadcast(const std::string& fromRoot) override {
        int length = m_rank == 0 ? int(fromRoot.size()) : 0;
        check(MPI_Bcast(&length, 1, MPI_INT, 0, MPI_COMM_WORLD), "broadcasting a size");
        std::string text = m_rank == 0 ? fromRoot : std::string(std::size_t(length), '\0');
        check(MPI_Bcast(text.data(), length, MPI_CHAR, 0, MPI_COMM_WORLD), "broadcasting");
        return text;
    }

  private:
    /// Every process's text length and offset in the gathered text.
    struct Layout {
        std::vector<int> lengths, offsets;
        std::size_t total = 0;
    };

    /// Gathers the lengths on every rank, so that all refuse an oversized gather together.
    Layout layoutOf(const std::string& mine) const {
        if (mine.size() > std::size_t(INT_MAX))
            throw std::runtime_error("MPI: a process's results exceed 2 GiB");
        const int length = int(mine.size());
        Layout l;
        l.lengths.resize(static_cast<std::size_t>(m_size));
        check(MPI_Allgather(&length, 1, MPI_INT, l.lengths.data(), 1, MPI_INT, MPI_COMM_WORLD),
              "gathering result sizes");
        for (const int n : l.lengths) {
            l.offsets.push_back(int(l.total));
            l.total += std::size_t(n);
        }
        if (l.total > std::size_t(INT_MAX))
            throw std::runtime_error("MPI: the results of all processes exceed 2 GiB");
        return l;
    }

    static std::vector<std::string> split(const std::string& all, const Layout& l) {
        std::vector<std::string> parts;
        for (std::size_t r = 0; r < l.lengths.size(); ++r)
            parts.push_back(all.substr(std::size_t(l.offsets[r]), std::size_t(l.lengths[r])));
        return parts;
    }

    int m_rank = 0, m_size = 1, m_localSize = 1;
};

bool launchedByMpi() {
    for (const char* name :
         {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "SLURM_PMIX_MAPPING_SERV"})
        if (std::getenv(name))
            return true;
    return false;
}

/// Whether the launcher says the job has a single process (Open MPI's mpirun, Hydra and Slurm's
/// PMI set the size): then there is nothing to share and MPI_Init's cost is skipped.
bool aloneInTheJob() {
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"})
        if (const char* size = std::getenv(name))
            return std::string_view(size) == "1";
    return false;
}

} // namespace

std::unique_ptr<ProcessGroup> startMpiWhenLaunchedByIt(int& argc, char**& argv) {
    if (!launchedByMpi() || aloneInTheJob())
        return nullptr;
    int provided = 0;
    // Worker threads (data loading, the block pipeline) never call MPI: only the main thread does.
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    g_started = true;
    return std::make_unique<MpiProcessGroup>();
}

void finishMpi() {
    if (g_started)
        MPI_Finalize();
    g_started = false;
}

#else

std::unique_ptr<ProcessGroup> startMpiWhenLaunchedByIt(int&, char**&) {
    return nullptr;
}

void finishMpi() {}

#endif

} // namespace soilscope::cli
