#pragma once
// Products read at the stations by every process of the group (mpirun): each its share.
#include "tasks/analysis_inputs.h"

namespace soilscope::tasks {

/// A product to read at the stations (see analysis_inputs::readProductAtPoints).
struct ProductAtPoints {
    std::string path;
    std::string variable;
    std::string mask;
};

/// Reads every product at the points (analysis_inputs::readProductAtPoints), spread over the
/// processes under mpirun (see soilscope::runUnits): the products among the processes and,
/// with fewer products than processes, a raster series by ranges of time steps and a product
/// read station by station (ASCAT/ERS cells, swaths) by ranges of stations; a product whose
/// every pass reads all of it (image folders, SMAP, Sentinel-1) by one process. The root gets
/// what one process would read; the others get empty results. Every process must call it.
/// Warns about nothing: see analysis_inputs::warnAboutPointsWithoutData.
std::vector<analysis_inputs::SeriesAtPoints>
productsAtPointsShared(const std::vector<ProductAtPoints>& products, double maxDistanceKm,
                       const std::vector<geo::LonLat>& points, Feedback& feedback, double from,
                       double to);

} // namespace soilscope::tasks
