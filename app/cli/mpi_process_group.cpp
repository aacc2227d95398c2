#include "mpi_process_group.h"

#include <cstdlib>

#ifdef SOILSCOPE_WITH_MPI
#include <mpi.h>

#include <climits>
#include <numeric>
#include <stdexcept>
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

    static int checkedLength(const std::string& text) {
        if (text.size() > std::size_t(INT_MAX))
            throw std::runtime_error("MPI: a process's results exceed 2 GiB");
        return int(text.size());
    }

    std::vector<std::string> allGather(const std::string& mine) override {
        const int length = checkedLength(mine);
        std::vector<int> lengths(static_cast<std::size_t>(m_size));
        check(MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD),
              "gathering result sizes");
        std::vector<int> offsets(static_cast<std::size_t>(m_size), 0);
        for (std::size_t r = 1; r < offsets.size(); ++r)
            offsets[r] = offsets[r - 1] + lengths[r - 1];
        std::string all(std::size_t(std::accumulate(lengths.begin(), lengths.end(), 0LL)), '\0');
        check(MPI_Allgatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(),
                             offsets.data(), MPI_CHAR, MPI_COMM_WORLD),
              "gathering results");
        std::vector<std::string> parts;
        for (std::size_t r = 0; r < lengths.size(); ++r)
            parts.push_back(all.substr(std::size_t(offsets[r]), std::size_t(lengths[r])));
        return parts;
    }

    std::vector<std::string> gather(const std::string& mine) override {
        const int length = checkedLength(mine);
        std::vector<int> lengths(static_cast<std::size_t>(m_size));
        // every rank learns the sizes, so that all refuse an oversized gather together
        check(MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, MPI_COMM_WORLD),
              "gathering result sizes");
        std::vector<int> offsets(static_cast<std::size_t>(m_size), 0);
        long long total = 0;
        for (std::size_t r = 0; r < lengths.size(); ++r) {
            offsets[r] = int(total);
            total += lengths[r];
        }
        if (total > INT_MAX)
            throw std::runtime_error("MPI: the results of all processes exceed 2 GiB");
        std::string all(m_rank == 0 ? std::size_t(total) : 0, '\0');
        check(MPI_Gatherv(mine.data(), length, MPI_CHAR, all.data(), lengths.data(), offsets.data(),
                          MPI_CHAR, 0, MPI_COMM_WORLD),
              "gathering results");
        std::vector<std::string> parts;
        if (m_rank == 0)
            for (std::size_t r = 0; r < lengths.size(); ++r)
                parts.push_back(all.substr(std::size_t(offsets[r]), std::size_t(lengths[r])));
        return parts;
    }

    std::string broadcast(const std::string& fromRoot) override {
        int length = m_rank == 0 ? int(fromRoot.size()) : 0;
        check(MPI_Bcast(&length, 1, MPI_INT, 0, MPI_COMM_WORLD), "broadcasting a size");
        std::string text = m_rank == 0 ? fromRoot : std::string(std::size_t(length), '\0');
        check(MPI_Bcast(text.data(), length, MPI_CHAR, 0, MPI_COMM_WORLD), "broadcasting");
        return text;
    }

  private:
    int m_rank = 0, m_size = 1, m_localSize = 1;
};

bool launchedByMpi() {
    for (const char* name :
         {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "SLURM_PMIX_MAPPING_SERV"})
        if (std::getenv(name))
            return true;
    return false;
}

} // namespace

std::unique_ptr<ProcessGroup> startMpiWhenLaunchedByIt(int& argc, char**& argv) {
    if (!launchedByMpi())
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
