#include "stations/vsi_file.h"

#include "base/crc32.h"
#include "base/error.h"
#include "base/input_limits.h"
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

std::shared_ptr<const ZipDirectory> zipDirectory(const std::string& archive) {
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

std::optional<ZipMemberOf> zipMemberOf(const std::string& path) {
    const std::string prefix = "/vsizip/";
    if (path.rfind(prefix, 0) != 0)
        return std::nullopt;
    std::string lower = path;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::size_t end = lower.find(".zip/", prefix.size());
    if (end == std::string::npos)
        return std::nullopt;
    const std::string archive = path.substr(prefix.size(), end + 4 - prefix.size());
    ZipMemberOf out{zipDirectory(archive), nullptr};
    out.member = out.directory->find(path.substr(end + 5));
    if (!out.member)
        throw Error("member '" + path.substr(end + 5) + "' is not in the archive's directory",
                    archive);
    out.directory->checkUnpackable(*out.member);
    return out;
}

void throwIfInterrupted(Feedback* feedback) {
    if ((feedback && feedback->isCanceled()) || interruptRequested())
        throw CanceledError();
}

std::string hex(std::uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08X", v);
    return buf;
}

} // namespace

std::string readVsiFile(const std::string& path, Feedback* feedback) {
    bool folder = false;
    const auto size = vsiFileSize(path, &folder);
    if (!size)
        throw Error("no such file", path);
    if (folder)
        throw Error("is a folder, not a file", path);
    if (isSpecial(path))
        throw Error("is not a regular file (a FIFO, socket or device)", path);
    const auto zip = zipMemberOf(path);
    // A zip member is read to its declared size and one byte more, to catch a stream longer
    // than its header says; plain files to their end (sizes of some VSI systems are estimates).
    const std::uint64_t cap = zip ? zip->member->uncompressedBytes + 1 : UINT64_MAX;
    VsiHandle f = openForReading(path);
    std::string content;
    content.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(*size, cap)));
    std::uint32_t crc = 0;
    constexpr std::size_t kChunk = std::size_t{4} << 20;
    std::string chunk(kChunk, '\0');
    for (;;) {
        throwIfInterrupted(feedback);
        const std::uint64_t want = std::min<std::uint64_t>(kChunk, cap - content.size());
        if (want == 0)
            break;
        const std::size_t got = VSIFReadL(chunk.data(), 1, static_cast<std::size_t>(want), f.get());
        if (got == 0)
            break;
        if (zip)
            crc = crc32Update(crc, chunk.data(), got);
        content.append(chunk.data(), got);
    }
    if (content.empty() && *size > 0)
        throw Error("cannot read the file", path);
    if (zip) {
        const ZipMember& m = *zip->member;
        const std::string member = "member '" + m.name + "'";
        if (content.size() != m.uncompressedBytes)
            throw Error(member + " unpacks to " + std::to_string(content.size()) +
                            " bytes where the archive declares " +
                            std::to_string(m.uncompressedBytes) + " (a corrupt archive)",
                        zip->directory->path());
        if (crc != m.crc32)
            throw Error(member + " is corrupt: its CRC-32 is " + hex(crc) +
                            " where the archive records " + hex(m.crc32),
                        zip->directory->path());
    }
    return content;
}

std::string readVsiFileStart(const std::string& path, std::size_t maxBytes) {
    if (isSpecial(path))
        throw Error("is not a regular file (a FIFO, socket or device)", path);
    zipMemberOf(path); // refuses encrypted members and bombs before any byte is unpacked
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
