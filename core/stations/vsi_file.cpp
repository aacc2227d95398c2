#include "stations/vsi_file.h"

#include "base/error.h"
#include "base/input_limits.h"
#include "base/text.h"
#include "base/zip_directory.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

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

namespace {

/// A member of a zip read through /vsizip/: the archive's directory and the member's entry.
struct ZipMemberOf {
    std::shared_ptr<const ZipDirectory> directory;
    const ZipMember* member = nullptr;
};

} // namespace

std::shared_ptr<const ZipDirectory> zipDirectoryOf(const std::string& archive) {
    static std::mutex mutex;
    static std::map<std::string, std::pair<std::string, std::shared_ptr<const ZipDirectory>>>
        cache; // archive → (size and time it had, directory)
    std::error_code ec;
    const auto size = std::filesystem::file_size(archive, ec);
    const auto time = std::filesystem::last_write_time(archive, ec).time_since_epoch().count();
    const std::string stamp = std::to_string(size) + "@" + std::to_string(time);
    std::lock_guard<std::mutex> lock(mutex);
    auto& entry = cache[archive];
    if (!entry.second || entry.first != stamp)
        entry = {stamp, std::make_shared<const ZipDirectory>(ZipDirectory::read(archive))};
    return entry.second;
}

namespace {

std::optional<ZipMemberOf> zipMemberOf(const std::string& path) {
    const std::string prefix = "/vsizip/";
    if (path.rfind(prefix, 0) != 0)
        return std::nullopt;
    const std::size_t end = lowerAscii(path).find(".zip/", prefix.size());
    if (end == std::string::npos)
        return std::nullopt;
    const std::string archive = path.substr(prefix.size(), end + 4 - prefix.size());
    ZipMemberOf out{zipDirectoryOf(archive), nullptr};
    out.member = out.directory->find(path.substr(end + 5));
    if (!out.member)
        throw Error("member '" + path.substr(end + 5) + "' is not in the archive's directory",
                    archive);
    return out;
}

void throwIfInterrupted(Feedback* feedback) {
    if ((feedback && feedback->isCanceled()) || interruptRequested())
        throw CanceledError();
}

} // namespace

namespace {
/// A zip member is unpacked from the archive's own directory: its size and CRC-32 are
/// checked, and GDAL's /vsizip/ (which walks the whole archive per member) is not needed.
std::string readZipMember(const ZipMemberOf& zip, Feedback* feedback) {
    return zip.directory->readMember(*zip.member, UINT64_MAX, [feedback] {
        return (feedback && feedback->isCanceled()) || interruptRequested();
    });
}
} // namespace

void readVsiFileChunks(const std::string& path, Feedback* feedback,
                       const std::function<bool(std::string_view)>& consume) {
    if (const auto zip = zipMemberOf(path)) {
        consume(readZipMember(*zip, feedback));
        return;
    }
    bool folder = false;
    const auto size = vsiFileSize(path, &folder);
    if (!size)
        throw Error("no such file", path);
    if (folder)
        throw Error("is a folder, not a file", path);
    if (isSpecial(path))
        throw Error("is not a regular file (a FIFO, socket or device)", path);
    VsiHandle f = openForReading(path);
    std::string chunk(kVsiChunkBytes, '\0');
    std::uint64_t total = 0;
    for (;;) { // to the end: sizes of some virtual file systems are estimates
        throwIfInterrupted(feedback);
        const std::size_t got = VSIFReadL(chunk.data(), 1, kVsiChunkBytes, f.get());
        if (got == 0)
            break;
        total += got;
        if (!consume(std::string_view(chunk.data(), got)))
            return;
    }
    if (total == 0 && *size > 0)
        throw Error("cannot read the file", path);
}

std::string readVsiFile(const std::string& path, Feedback* feedback) {
    if (const auto zip = zipMemberOf(path))
        return readZipMember(*zip, feedback);
    std::string content;
    if (const auto size = vsiFileSize(path))
        content.reserve(static_cast<std::size_t>(*size));
    readVsiFileChunks(path, feedback, [&content](std::string_view chunk) {
        content.append(chunk);
        return true;
    });
    return content;
}

std::string readVsiFileStart(const std::string& path, std::size_t maxBytes) {
    if (const auto zip = zipMemberOf(path))
        return zip->directory->readMember(*zip->member, maxBytes);
    if (isSpecial(path))
        throw Error("is not a regular file (a FIFO, socket or device)", path);
    VsiHandle f = openForReading(path);
    std::string content(maxBytes, '\0');
    content.resize(VSIFReadL(content.data(), 1, maxBytes, f.get()));
    return content;
}

std::vector<std::string> listVsiFilesRecursive(const std::string& root) {
    // A zip's own directory lists its members at once (GDAL's listing stats every member
    // through the archive: quadratic in the member count).
    const std::string prefix = "/vsizip/";
    if (root.rfind(prefix, 0) == 0 && root.size() > prefix.size() + 4 &&
        lowerAscii(root.substr(root.size() - 4)) == ".zip") {
        std::vector<std::string> files;
        for (const auto& m : zipDirectoryOf(root.substr(prefix.size()))->members()) {
            const std::string& n = m.name;
            // Folders, names that leave the archive (absolute, "..", drive letters,
            // backslashes) and names with control bytes (a NUL ends a C path) are not read.
            const bool control = std::any_of(
                n.begin(), n.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
            if (control || n.empty() || n.back() == '/' || n.front() == '/' ||
                n.find('\\') != n.npos || n.find(':') != n.npos || n == ".." ||
                n.rfind("../", 0) == 0 || n.find("/../") != n.npos)
                continue;
            files.push_back(n);
        }
        std::sort(files.begin(), files.end());
        files.erase(std::unique(files.begin(), files.end()), files.end());
        return files;
    }
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
