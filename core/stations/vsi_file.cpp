#include "stations/vsi_file.h"

#include "base/error.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <memory>

namespace soilscope::stations {

namespace {
struct VsiCloser {
    void operator()(VSILFILE* f) const { VSIFCloseL(f); }
};
using VsiHandle = std::unique_ptr<VSILFILE, VsiCloser>;

VsiHandle openForReading(const std::string& path) {
    VsiHandle f(VSIFOpenL(path.c_str(), "rb"));
    if (!f)
        throw Error("cannot open the file for reading", path);
    return f;
}
} // namespace

namespace {
/// A FIFO, socket or device would block or never end: only regular files and folders are read.
bool isSpecial(const std::string& path) {
    VSIStatBufL st{};
    return VSIStatL(path.c_str(), &st) == 0 && !VSI_ISDIR(st.st_mode) && !VSI_ISREG(st.st_mode);
}
} // namespace

std::optional<std::uint64_t> vsiFileSize(const std::string& path, bool* isFolder) {
    VSIStatBufL st;
    if (VSIStatL(path.c_str(), &st) != 0)
        return std::nullopt;
    if (isFolder)
        *isFolder = VSI_ISDIR(st.st_mode);
    return static_cast<std::uint64_t>(st.st_size);
}

std::string readVsiFile(const std::string& path) {
    bool folder = false;
    const auto size = vsiFileSize(path, &folder);
    if (!size)
        throw Error("no such file", path);
    if (folder)
        throw Error("is a folder, not a file", path);
    if (isSpecial(path))
        throw Error("is not a regular file (a FIFO, socket or device)", path);
    VsiHandle f = openForReading(path);
    std::string content;
    content.resize(static_cast<std::size_t>(*size));
    const std::size_t got = VSIFReadL(content.data(), 1, content.size(), f.get());
    if (got != content.size()) {
        // Sizes reported by some virtual file systems are estimates: read until the end.
        content.resize(got);
        char buf[65536];
        std::size_t n = 0;
        while ((n = VSIFReadL(buf, 1, sizeof buf, f.get())) > 0)
            content.append(buf, n);
        if (content.empty() && *size > 0)
            throw Error("cannot read the file", path);
    }
    return content;
}

std::string readVsiFileStart(const std::string& path, std::size_t maxBytes) {
    if (isSpecial(path))
        throw Error("is not a regular file (a FIFO, socket or device)", path);
    VsiHandle f = openForReading(path);
    std::string content(maxBytes, '\0');
    content.resize(VSIFReadL(content.data(), 1, maxBytes, f.get()));
    return content;
}

std::vector<std::string> listVsiFilesRecursive(const std::string& root) {
    char** entries = VSIReadDirRecursive(root.c_str());
    std::vector<std::string> files;
    for (char** e = entries; e && *e; ++e) {
        std::string rel = *e;
        if (rel.empty() || rel.back() == '/')
            continue;
        bool folder = false;
        if (!vsiFileSize(root + "/" + rel, &folder) || folder || isSpecial(root + "/" + rel))
            continue;
        files.push_back(std::move(rel));
    }
    CSLDestroy(entries);
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace soilscope::stations
