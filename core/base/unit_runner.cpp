#include "base/unit_runner.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "base/process_group.h"
#include "base/utf8.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <numeric>
#include <optional>

#include <fcntl.h>
#include <unistd.h>

namespace soilscope {

namespace {

std::filesystem::path unitFile(const std::filesystem::path& ledger, std::size_t i) {
    return ledger / ("unit-" + std::to_string(i) + ".json");
}

/// A committed unit, or nothing when it is missing or was cut short (then it is recomputed).
std::optional<nlohmann::json> committedUnit(const std::filesystem::path& ledger, std::size_t i) {
    std::ifstream in(unitFile(ledger, i), std::ios::binary);
    if (!in)
        return std::nullopt;
    try {
        nlohmann::json j = nlohmann::json::parse(in);
        if (j.is_object() && j.contains("result"))
            return j["result"];
    } catch (const nlohmann::json::exception&) {
    }
    return std::nullopt;
}

/// Whether this process won unit i of this attempt (exactly one process does).
bool claim(const std::filesystem::path& ledger, std::size_t i, const std::string& attempt) {
    const auto path = ledger / ("claim-" + std::to_string(i) + "-" + attempt);
    const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
    if (fd >= 0) {
        ::close(fd);
        return true;
    }
    if (errno == EEXIST)
        return false;
    throw Error(std::string("cannot claim a unit of the run: ") + std::strerror(errno),
                path.string());
}

/// What stopped this process, to be rethrown on every process.
nlohmann::json failureOf(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const CanceledError&) {
        return {{"kind", "canceled"}};
    } catch (const UsageError& u) {
        return {{"kind", "usage"}, {"message", u.message()}};
    } catch (const Error& x) {
        return {{"kind", "error"}, {"message", x.message()}, {"context", x.context()}};
    } catch (const std::exception& x) {
        return {{"kind", "error"}, {"message", x.what()}, {"context", ""}};
    }
}

[[noreturn]] void rethrow(const nlohmann::json& failure, int rank, int size) {
    const std::string kind = failure.value("kind", "error");
    if (kind == "canceled")
        throw CanceledError();
    std::string message = failure.value("message", "");
    if (size > 1 && rank != 0)
        message += " (on process " + std::to_string(rank) + ")";
    if (kind == "usage")
        throw UsageError(message);
    throw Error(message, failure.value("context", ""));
}

} // namespace

std::vector<std::size_t> assignUnits(std::size_t count, std::size_t processes,
                                     const std::vector<double>& costs) {
    std::vector<std::size_t> owner(count);
    processes = std::max<std::size_t>(processes, 1);
    if (costs.size() != count) {
        for (std::size_t i = 0; i < count; ++i)
            owner[i] = i % processes;
        return owner;
    }
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return costs[a] > costs[b]; });
    std::vector<double> load(processes, 0.0);
    for (const std::size_t i : order) {
        const auto least = std::size_t(std::min_element(load.begin(), load.end()) - load.begin());
        owner[i] = least;
        load[least] += std::max(costs[i], 0.0);
    }
    return owner;
}

std::vector<nlohmann::json> runUnits(std::size_t count, const UnitFunction& unit,
                                     Feedback& feedback, const std::filesystem::path& ledger,
                                     UnitRunReport* report, const std::vector<double>& costs,
                                     bool firstOnRoot) {
    ProcessGroup& group = processGroup();
    const auto rank = std::size_t(group.rank());
    const auto size = std::size_t(std::max(1, group.size()));
    if (!ledger.empty())
        std::filesystem::create_directories(ledger);

    nlohmann::json mine = nlohmann::json::object(); // this process's results by unit
    std::size_t computed = 0, resumed = 0;
    nlohmann::json failure; // what stopped this process, if anything
    // With a ledger and several processes, a process takes the next unit when it is free: it
    // claims it with a file created exclusively in the ledger (the shared file system is the
    // queue), so units of uneven cost balance. Otherwise each process has its fixed share.
    const bool claimed = !ledger.empty() && size > 1;
    const std::string attempt =
        claimed ? group.broadcast(
                      std::to_string(::getpid()) + "-" +
                      std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()))
                : std::string();
    const bool pinned = firstOnRoot && count > 0; // unit 0: the root's, always computed
    std::vector<std::size_t> owned;
    if (claimed) {
        owned.resize(count);
        std::iota(owned.begin(), owned.end(), std::size_t(0));
        if (costs.size() == count)
            std::stable_sort(owned.begin(), owned.end(),
                             [&](std::size_t a, std::size_t b) { return costs[a] > costs[b]; });
        if (pinned) {
            std::erase(owned, std::size_t(0));
            if (rank == 0)
                owned.insert(owned.begin(), std::size_t(0));
        }
    } else {
        std::vector<std::size_t> owner = assignUnits(count, size, costs);
        if (pinned)
            owner[0] = 0;
        for (std::size_t i = 0; i < count; ++i)
            if (owner[i] == rank)
                owned.push_back(i);
    }
    try {
        // Units of units (a search inside a workload fold) run where their parent runs:
        // collective calls made by only some processes would wait forever.
        const SingleProcessScope inside;
        const SharedComputeScope sideBySide; // the processes share the machine's cores
        FeedbackSlice slice(feedback, 0, 100);
        for (std::size_t done = 0; done < owned.size(); ++done) {
            const std::size_t i = owned[done];
            feedback.throwIfCanceled();
            const bool mustCompute = pinned && i == 0;
            if (claimed && !mustCompute && !claim(ledger, i, attempt))
                continue;
            if (!ledger.empty() && !mustCompute)
                if (auto kept = committedUnit(ledger, i)) {
                    mine[std::to_string(i)] = std::move(*kept);
                    ++resumed;
                    continue;
                }
            slice.setRange(100.0 * double(done) / double(owned.size()),
                           100.0 * double(done + 1) / double(owned.size()));
            nlohmann::json result = unit(i, slice);
            if (!ledger.empty())
                writeTextAtomically(unitFile(ledger, i),
                                    dumpJson(nlohmann::json{{"unit", i}, {"result", result}}));
            mine[std::to_string(i)] = std::move(result);
            ++computed;
        }
    } catch (...) {
        failure = failureOf(std::current_exception());
    }

    // Every process learns how the others ended (a few bytes); the results travel to the root
    // alone, which writes the outputs.
    const nlohmann::json status = failure.is_null()
                                      ? nlohmann::json{{"computed", computed}, {"resumed", resumed}}
                                      : nlohmann::json{{"failure", failure}};
    std::vector<nlohmann::json> statuses;
    for (const auto& text : group.allGather(dumpJson(status)))
        statuses.push_back(nlohmann::json::parse(text));
    // Any process's error beats a cancellation elsewhere: it says what went wrong.
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t r = 0; r < statuses.size(); ++r)
            if (statuses[r].contains("failure") &&
                (pass == 1 || statuses[r]["failure"].value("kind", "") != "canceled"))
                rethrow(statuses[r]["failure"], int(r), int(size));

    std::vector<nlohmann::json> results(count);
    UnitRunReport counted;
    counted.processes = int(size);
    for (const auto& st : statuses) {
        counted.computed += st["computed"].get<std::size_t>();
        counted.resumed += st["resumed"].get<std::size_t>();
    }
    // MessagePack, not JSON text: large results (series, base64 payloads) travel without
    // escaping and number formatting.
    const std::vector<std::uint8_t> packed = nlohmann::json::to_msgpack(mine);
    for (const auto& bytes : group.gather(std::string(packed.begin(), packed.end()))) {
        const nlohmann::json units = nlohmann::json::from_msgpack(bytes);
        for (const auto& [key, value] : units.items())
            results.at(std::stoul(key)) = value;
    }
    if (report)
        *report = counted;
    feedback.setProgress(100);
    return results;
}

void removeUnitLedger(const std::filesystem::path& ledger) {
    std::error_code ignored;
    std::filesystem::remove_all(ledger, ignored);
    std::filesystem::remove(ledger.parent_path(), ignored); // only when empty
}

} // namespace soilscope
