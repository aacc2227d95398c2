#include "gui/predictor_preview.h"

#include "base/error.h"
#include "base/time_utils.h"
#include "geo/geotiff_writer.h"
#include "project/project_dataset.h"
#include "project/workload_preset.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace soilscope::gui {

namespace {

project::ProjectFile parseWithPreset(const nlohmann::json& document, const QString& projectPath) {
    const std::filesystem::path file =
        projectPath.isEmpty() ? std::filesystem::current_path() / "untitled.soilscope.json"
                              : std::filesystem::path(projectPath.toStdString());
    project::ProjectFile p = project::parseProject(document, file);
    if (p.predictors.empty())
        project::applyWorkloadPreset(p);
    return p;
}

} // namespace

nlohmann::json effectivePredictors(const nlohmann::json& document, const QString& projectPath) {
    if (document.contains("predictors") && document["predictors"].is_array() &&
        !document["predictors"].empty())
        return document["predictors"];
    try {
        const project::ProjectFile p = parseWithPreset(document, projectPath);
        return p.toJson(p.file.parent_path()).value("predictors", nlohmann::json::array());
    } catch (const std::exception&) {
        return nlohmann::json::array();
    }
}

PredictorPreview computePredictorPreview(const nlohmann::json& document, const QString& projectPath,
                                         int index, const QString& outDir, Feedback* feedback) {
    const project::ProjectFile p = parseWithPreset(document, projectPath);
    if (index < 0 || index >= static_cast<int>(p.predictors.size()))
        throw Error("the project has no predictor " + std::to_string(index + 1), p.file.string());
    const auto data = project::openProjectData(p);
    reportFraction(feedback, 0.3);
    const geo::Grid& grid = data->grid;
    const geo::Window full{0, 0, grid.width(), grid.height()};
    const auto finite = [](const std::vector<float>& v) {
        return static_cast<int>(
            std::count_if(v.begin(), v.end(), [](float x) { return std::isfinite(x); }));
    };
    // The latest sample date with data: predictors of a series are often empty at the ends
    // (interpolation needs observations on both sides).
    std::vector<float> plane;
    TimePoint date = data->dates.back();
    const std::size_t n = data->dates.size();
    const std::size_t stride = std::max<std::size_t>(1, n / 64);
    for (std::size_t back = 0; back < n; back += stride) {
        reportFraction(feedback, 0.3 + 0.6 * double(back) / double(n));
        const TimePoint t = data->dates[n - 1 - back];
        std::vector<float> v = data->engine->evaluate(static_cast<std::size_t>(index), full, t);
        const bool has = finite(v) > 0;
        if (plane.empty() || has) {
            plane = std::move(v);
            date = t;
        }
        if (has)
            break;
    }
    const auto& spec = p.predictors[static_cast<std::size_t>(index)];
    const bool dated = data->catalog.has(spec.role) && data->catalog.get(spec.role).isSeries();
    PredictorPreview out;
    out.name = QString::fromStdString(spec.name);
    out.date = dated ? QString::fromStdString(formatIsoTime(date)) : QString();
    out.validPixels = finite(plane);
    QDir().mkpath(outDir);
    QString stem = QFileInfo(projectPath).completeBaseName() + QLatin1Char('-') + out.name;
    stem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    out.path = QDir(outDir).filePath(QStringLiteral("predictor-%1.tif").arg(stem));
    geo::GeoTiffOptions options;
    options.bandDescriptions = {dated ? formatIsoTime(date) : spec.name};
    options.metadata = {{"soilscope_predictor", spec.name}};
    geo::writeGeoTiff(out.path.toStdString(), grid, plane, options);
    return out;
}

} // namespace soilscope::gui
