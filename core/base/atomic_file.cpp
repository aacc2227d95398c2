#include "base/atomic_file.h"

#include "base/error.h"

#include <atomic>
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
} // namespace

void writeAtomically(const fs::path& target, const std::function<void(const fs::path&)>& writer) {
    const fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (!fs::is_directory(parent))
        throw Error("cannot create the output folder", parent.string());
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
