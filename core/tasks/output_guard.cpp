#include "tasks/output_guard.h"

#include "base/error.h"

#include <algorithm>
#include <filesystem>

namespace soilscope::tasks {

namespace fs = std::filesystem;

namespace {

fs::path resolved(const fs::path& p) {
    std::error_code ec;
    const fs::path r = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? p : r;
}

bool sameFile(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec))
        return fs::equivalent(a, b, ec) && !ec;
    return resolved(a) == resolved(b);
}

bool inside(const fs::path& file, const fs::path& folder) {
    const fs::path f = resolved(file), d = resolved(folder);
    const auto [fe, de] = std::mismatch(f.begin(), f.end(), d.begin(), d.end());
    return de == d.end() && fe != f.end();
}

} // namespace

void checkOutputsAgainstInputs(const std::vector<ParameterSpec>& specs,
                               const ParameterValues& values) {
    std::vector<std::pair<std::string, fs::path>> inputs;
    for (const auto& s : specs)
        if (s.type == ParameterType::Path && !s.isOutput && values.has(s.name) &&
            !values.text(s.name).empty())
            inputs.emplace_back(s.name, values.path(s.name));
    // Files named inside lists ("role=path#band,..."): every item that names an existing file.
    for (const auto& s : specs) {
        if (s.type != ParameterType::StringList || s.isOutput || !values.has(s.name))
            continue;
        for (std::string item : values.list(s.name)) {
            if (const auto eq = item.find('='); eq != std::string::npos)
                item = item.substr(eq + 1);
            item = item.substr(0, item.find('#'));
            std::error_code ec;
            if (!item.empty() && fs::exists(item, ec))
                inputs.emplace_back(s.name, fs::path(item));
        }
    }
    for (const auto& s : specs) {
        if (s.type != ParameterType::Path || !s.isOutput || !values.has(s.name) ||
            values.text(s.name).empty())
            continue;
        const fs::path out = values.path(s.name);
        std::error_code ec;
        const auto status = fs::status(out, ec);
        for (const auto& [name, in] : inputs) {
            if (sameFile(out, in))
                throw UsageError("--" + s.name + " is the input --" + name +
                                     " (writing it would destroy the input): choose another path",
                                 out.string());
            if (!s.isFolder && fs::exists(status) && fs::is_directory(in, ec) && inside(out, in))
                throw UsageError("--" + s.name + " would replace a file inside the input --" +
                                     name + " (" + in.string() + "): choose another path",
                                 out.string());
        }
        if (!s.isFolder && fs::exists(status) && !fs::is_regular_file(status))
            throw UsageError(
                "--" + s.name + " exists and is not a regular file (" +
                    (fs::is_directory(status) ? "a folder" : "a FIFO, socket or device") +
                    "); SoilScope replaces only regular files",
                out.string());
        if (s.isFolder && fs::exists(status) && !fs::is_directory(status))
            throw UsageError("--" + s.name + " must be a folder, and a file of that name exists",
                             out.string());
    }
}

} // namespace soilscope::tasks
