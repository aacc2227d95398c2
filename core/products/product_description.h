#pragma once
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace soilscope::products {

/// What a recognised product holds: kind, layout, locations or files, time span, variables with
/// their units and shape, as JSON and as readable text.
struct ProductDescription {
    nlohmann::json json;
    std::string text;
};

/// Describes a path recogniseProduct() accepts; throws soilscope::Error naming the file.
ProductDescription describeProduct(const std::filesystem::path& path);

} // namespace soilscope::products
