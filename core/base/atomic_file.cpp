#include "base/atomic_file.h"

#include "base/error.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace soilscope {

namespace fs = std::filesystem;

namespace {
fs::path temporarySibling(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    fs::path tmp = target;
    tmp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    // Keep the extension last: GDAL picks drivers and sidecars by it.
    return tmp.parent_path() / (tmp.filename().string() + target.extension().string());
}
/// The pid of a temporary of `name` (<name>.tmp-<pid>[-<n>][<ext>]); 0 when it is not one.
long temporaryOwner(const std::string& entry, const std::string& name, const std::string& ext) {
    const std::string prefix = name + ".tmp-";
    if (entry.rfind(prefix, 0) != 0)
        return 0;
    std::string rest = entry.substr(prefix.size());
    if (!ext.empty() && rest.size() > ext.size() &&
        rest.compare(rest.size() - ext.size(), ext.size(), ext) == 0)
        rest.resize(rest.size() - ext.size());
    const auto dash = rest.find('-');
    const std::string pid = rest.substr(0, dash),
                      serial = dash == std::string::npos ? std::string("0") : rest.substr(dash + 1);
    const auto digits = [](const std::string& t) {
        return !t.empty() && t.size() <= 9 &&
               std::all_of(t.begin(), t.end(), [](unsigned char c) { return std::isdigit(c); });
    };
    return digits(pid) && digits(serial) ? std::stol(pid) : 0;
}

bool processRuns(long pid) {
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}
} // namespace

std::vector<fs::path> removeStaleTemporaries(const fs::path& target) {
    std::vector<fs::path> removed;
    const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const std::string name = target.filename().string(), ext = target.extension().string();
    std::error_code ec;
    for (auto it = fs::directory_iterator(parent, ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const long pid = temporaryOwner(it->path().filename().string(), name, ext);
        if (pid <= 0 || pid == ::getpid() || processRuns(pid))
            continue;
        std::error_code rm;
        fs::remove_all(it->path(), rm);
        if (!rm)
            removed.push_back(it->path());
    }
    return removed;
}

void writeAtomically(const fs::path& target, const std::function<void(const fs::path&)>& writer) {
    const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (!fs::is_directory(parent))
        throw Error("cannot create the output folder", parent.string());
    removeStaleTemporaries(target);
    const fs::path tmp = temporarySibling(target);
    try {
        writer(tmp);
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error("cannot move the finished output into place: " + ec.message(), target.string());
    }
}

void writeTextAtomically(const fs::path& target, const std::string& content) {
    writeAtomically(target, [&](const fs::path& tmp) {
        std::ofstream out(tmp, std::ios::binary);
        out << content;
        out.flush();
        if (!out)
            throw Error("cannot write file", target.string());
    });
}

std::string readTextFile(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Error("is a folder, not a file", path.string());
    if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
        throw Error("is not a regular file (a FIFO, socket or device)", path.string());
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open file for reading", path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace soilscope
