#include "demo/twin_documents.h"

#include "base/atomic_file.h"
#include "demo/rough_surface_backscatter.h"
#include "demo/vegetation.h"
#include "demo/water_balance.h"
#include "demo/water_cloud_model.h"

namespace soilscope::demo {

namespace {

nlohmann::json ref(const Manifest& m, const std::string& role, const std::string& variable) {
    const ManifestFile& f = m.byRole(role);
    nlohmann::json j{{"path", "../" + f.path}, {"variable", variable}};
    for (const auto& v : f.variables)
        if (v.name == variable) {
            if (v.band > 0)
                j["band"] = v.band;
            if (!v.units.empty())
                j["units"] = v.units;
        }
    if (role == "sentinel2-l2a")
        j["sensor"] = "sentinel2";
    return j;
}

nlohmann::json file(const Manifest& m, const std::string& role) {
    return {{"path", "../" + m.byRole(role).path}};
}

nlohmann::json wcmJson(const WcmParameters& p) {
    return {{"A", p.A}, {"B", p.B}, {"C", p.C}, {"D", p.D}};
}

/// The realistic Sentinel-1: a WCM canopy (A, B) over a rough-surface soil model.
nlohmann::json canopyJson(const WcmParameters& p, const std::string& soilModel) {
    using C = CanopyBeyondNdvi;
    using R = SurfaceRoughness;
    return {
        {"A", p.A},
        {"B", p.B},
        {"soil", soilModel + ", permittivity Topp et al. (1980), C band 5.55 cm"},
        {"roughness_rms_height_cm",
         {{"settled_mean", R::kSettledMean_cm},
          {"settled_log_std", R::kSettledLogStd},
          {"ploughed", R::kPloughed_cm},
          {"seedbed", R::kSeedbed_cm},
          {"settling_days", R::kSettling_days},
          {"tillage", "cropland: ploughing day 285 +- 25, seedbed day 75 +- 20, per pixel"}}},
        {"vwc", "structure x (VWC(NDVI) + senescent share x max(VWC 30 days earlier - VWC, 0))"},
        {"canopy_structure_log_std", C::kStructureLogStd},
        {"senescent_share", C::kSenescentShare},
        {"radiometric_stability_db", kSentinel1RadiometricStabilityDb},
        {"speckle", "Gamma(L, 1/L), L = 4.4 looks per 20 m x 22 m cell over the pixel"}};
}

} // namespace

nlohmann::json workloadProjects(const Manifest& m) {
    nlohmann::json projects = nlohmann::json::object();
    projects["cnn_ascat_intraday"] = {
        {"sigma40", ref(m, "ascat-sigma40", "sigma40")},
        {"orbit_direction", ref(m, "ascat-sigma40", "orbit_direction")},
        {"soil_temperature", ref(m, "reanalysis", "stl1")},
        {"lai_high", ref(m, "reanalysis", "lai_hv")},
        {"lai_low", ref(m, "reanalysis", "lai_lv")},
        {"target", ref(m, "reanalysis", "swvl1")},
        {"benchmark_ssm", ref(m, "ascat-sigma40", "ssm")},
        {"porosity", ref(m, "static-0p25deg", "porosity")},
        {"precipitation", ref(m, "forcing", "tp")},
        {"stations", file(m, "stations")},
        {"truth", ref(m, "truth-sm-hourly", "sm")}};
    projects["sar_ml_scenarios"] = {{"vv", ref(m, "sentinel1", "vv")},
                                    {"vh", ref(m, "sentinel1", "vh")},
                                    {"incidence", ref(m, "sentinel1", "incidence")},
                                    {"ndvi", ref(m, "optical-8day", "ndvi")},
                                    {"sand", ref(m, "static-sar-grid", "sand")},
                                    {"clay", ref(m, "static-sar-grid", "clay")},
                                    {"bulk_density", ref(m, "static-sar-grid", "bulk_density")},
                                    {"elevation", ref(m, "static-sar-grid", "elevation")},
                                    {"slope", ref(m, "static-sar-grid", "slope")},
                                    {"aspect", ref(m, "static-sar-grid", "aspect")},
                                    {"air_temperature", ref(m, "forcing", "t2m")},
                                    {"precipitation", ref(m, "forcing", "tp")},
                                    {"coarse_sm", ref(m, "cci-sm", "sm")},
                                    {"s2_b02", ref(m, "sentinel2-l2a", "B02")},
                                    {"s2_b03", ref(m, "sentinel2-l2a", "B03")},
                                    {"s2_b04", ref(m, "sentinel2-l2a", "B04")},
                                    {"s2_b08", ref(m, "sentinel2-l2a", "B08")},
                                    {"s2_b11", ref(m, "sentinel2-l2a", "B11")},
                                    {"s2_b12", ref(m, "sentinel2-l2a", "B12")},
                                    {"stations", file(m, "stations")},
                                    {"truth", ref(m, "truth-sm-sar-grid", "sm")}};
    nlohmann::json ffnn = {{"target", ref(m, "cci-sm", "sm")},
                           {"target_flag", ref(m, "cci-sm", "flag")},
                           {"lst", ref(m, "lst", "lst")},
                           {"elevation", ref(m, "static-60m", "elevation")},
                           {"slope", ref(m, "static-60m", "slope")},
                           {"sand", ref(m, "static-60m", "sand")},
                           {"land_cover", ref(m, "static-60m", "land_cover")},
                           {"precipitation", ref(m, "precipitation-0p1deg", "tp")},
                           {"stations", file(m, "stations")},
                           {"truth", ref(m, "truth-sm-fine", "sm")}};
    for (const char* b : {"B02", "B03", "B04", "B05", "B06", "B08", "B8A", "B11", "B12"}) {
        ffnn[std::string("s2_") + b] = ref(m, "sentinel2-l2a", b);
        ffnn[std::string("sample_s2_") + b] = ref(m, "sentinel2-l2a-samples", b);
    }
    ffnn["sample_lst"] = ref(m, "lst-samples", "lst");
    for (const char* v : {"elevation", "slope", "sand", "land_cover"})
        ffnn[std::string("sample_") + v] = ref(m, "static-60m-samples", v);
    projects["ffnn_downscaling_60m"] = ffnn;
    projects["wcm_lstm"] = {
        {"vh", ref(m, "sentinel1", "vh")},
        {"incidence", ref(m, "sentinel1", "incidence")},
        {"ndvi", ref(m, "optical-8day", "ndvi")},
        {"clay", ref(m, "static-sar-grid", "clay")},
        {"sand", ref(m, "static-sar-grid", "sand")},
        {"porosity", ref(m, "static-sar-grid", "porosity")},
        {"land_cover", ref(m, "static-sar-grid", "land_cover")},
        {"stations", file(m, "stations")},
        // literature values, not the generator's: B for grassland as the WCM-LSTM paper gives
        // it, the NDVI → VWC law of Jackson et al. (2004) without stem water (not given)
        {"wcm_vh", {{"B", 0.084}}},
        {"vwc_from_ndvi", {{"form", "quadratic"}, {"a", 1.9134}, {"b", -0.3215}, {"c", 0.0}}},
        {"truth", ref(m, "truth-sm-sar-grid", "sm")}};
    projects["lstm_s1_s2_weather"] = {
        {"vv", ref(m, "sentinel1", "vv")},
        {"incidence", ref(m, "sentinel1", "incidence")},
        {"ndvi", ref(m, "optical-8day", "ndvi")},
        {"ndwi", ref(m, "optical-8day", "ndwi")},
        {"precipitation", ref(m, "forcing", "tp")},
        {"air_temperature", ref(m, "forcing", "t2m")},
        {"elevation", ref(m, "static-sar-grid", "elevation")},
        {"slope", ref(m, "static-sar-grid", "slope")},
        {"aspect", ref(m, "static-sar-grid", "aspect")},
        {"land_cover", ref(m, "static-sar-grid", "land_cover")},
        {"sand", ref(m, "static-sar-grid", "sand")},
        {"clay", ref(m, "static-sar-grid", "clay")},
        {"organic_carbon", ref(m, "static-sar-grid", "organic_carbon")},
        {"stations", file(m, "stations")},
        {"ecv_sm", ref(m, "cci-sm", "sm")}, // the ECV-like baseline the paper compares with
        {"truth", ref(m, "truth-sm-sar-grid", "sm")}};
    return projects;
}

void writeTwinDocuments(TwinContext& ctx) {
    const TwinConfig& c = ctx.config;
    writeTextAtomically(ctx.output("truth/storms.csv"), ctx.weather->stormsCsv());
    ManifestFile storms;
    storms.path = "truth/storms.csv";
    storms.format = "csv";
    storms.role = "truth-storms";
    storms.description = "Storm catalogue (including the spin-up period): Gaussian rain cells "
                         "moving at constant speed";
    storms.truth = true;
    ctx.manifest.addFile(storms);

    nlohmann::json cells = nlohmann::json::array();
    for (const auto& cell : ctx.cells)
        cells.push_back({{"lon", cell.lon},
                         {"lat", cell.lat},
                         {"porosity", cell.site.porosity},
                         {"residual", cell.site.residual},
                         {"field_capacity", cell.site.fieldCapacity},
                         {"ksat_mm_h", cell.site.ksat_mm_h},
                         {"sand_pct", cell.site.sand_pct},
                         {"clay_pct", cell.site.clay_pct},
                         {"land_cover", cell.site.landCover}});
    nlohmann::json params = {
        {"bucket",
         {{"surface_depth_mm", SurfaceBucket::kDepth_mm},
          {"root_zone_depth_mm", SurfaceBucket::kRootDepth_mm},
          {"infiltration", "saturation excess: min(P, (porosity - theta) * depth)"},
          {"drainage",
           "min(w - w_fc, 0.35 ksat rel^3) minus capillary rise 0.012 (theta_root - theta) depth"},
          {"evaporation", "PET [(1 - cover) beta^1.5 + 0.25 cover beta], beta = (theta - "
                          "theta_r)/(theta_fc - theta_r), PET Priestley-Taylor"}}},
        {"pedotransfer",
         {{"porosity", "(50.5 - 0.142 sand - 0.037 clay)/100 + 0.01 (OC - 1)"},
          {"residual", "0.015 + 0.0022 clay"},
          {"ksat_mm_h", "25.4 * 10^(-0.6 + 0.0126 sand - 0.0064 clay)"}}},
        {"cells", cells},
        // the backscatter models' constants are the generator's: no project carries them
        {"water_cloud_model",
         {{"form", "sigma0 = A cos(theta)(1 - gamma2) + gamma2 10^((C + D SM)/10), gamma2 = exp(-2 "
                   "B VWC / cos(theta))"},
          {"ascat_sigma40", wcmJson(TwinWcm::ascatSigma40)},
          {"s1_vv", c.realisticErrors ? canopyJson(TwinWcm::s1VV, "Dubois et al. (1995)")
                                      : wcmJson(TwinWcm::s1VV)},
          {"s1_vh", c.realisticErrors ? canopyJson(TwinWcm::s1VH, "Oh et al. (2004)")
                                      : wcmJson(TwinWcm::s1VH)},
          {"units", {{"A", "linear"}, {"B", "per kg m-2"}, {"C", "dB"}, {"D", "dB per m3 m-3"}}},
          {"vwc_from_ndvi",
           {{"a", vegetation::kVwcA},
            {"b", vegetation::kVwcB},
            {"stem_water_tree_kg_m2", vegetation::stemWater(10)},
            {"form", "VWC = max(0, a NDVI^2 + b NDVI) + stem water"}}}}}};
    writeTextAtomically(ctx.output("truth/parameters.json"), params.dump(1) + "\n");
    ManifestFile pf;
    pf.path = "truth/parameters.json";
    pf.format = "json";
    pf.role = "truth-parameters";
    pf.description = "Model parameters of the truth: bucket, pedotransfer, per-cell soil hydraulic "
                     "properties, the water cloud models of the backscatter products";
    pf.truth = true;
    ctx.manifest.addFile(pf);

    ctx.manifest.set("name", "SoilScope twin region (" + c.preset + ")");
    ctx.manifest.set("preset", c.preset);
    ctx.manifest.set("seed", c.seed);
    ctx.manifest.set("error_model", c.realisticErrors ? "realistic" : "simple");
    ctx.manifest.set(
        "region",
        {{"lon_min", c.lonMin},
         {"lon_max", c.lonMin + c.coarseNx * c.coarseRes},
         {"lat_min", c.latMax - c.coarseNy * c.coarseRes},
         {"lat_max", c.latMax},
         {"description", "southern France (Massif Central foothills), synthetic landscape"}});
    ctx.manifest.set(
        "period",
        {{"start", formatIsoTime(c.start)}, {"end", formatIsoTime(c.end())}, {"hours", c.hours}});
    ctx.manifest.set("overpasses",
                     {{"ascat",
                       {{"descending_local_solar", "09:30"},
                        {"ascending_local_solar", "21:30"},
                        {"jitter_minutes", 24}}},
                      {"sentinel1",
                       {{"ascending_local_solar", "18:00"},
                        {"ascending_repeat_days", 6},
                        {"descending_local_solar", "06:00"},
                        {"descending_repeat_days", 12},
                        {"incidence_deg", {30.0, 46.0}}}},
                      {"sentinel2", {{"local_solar", "10:30"}, {"repeat_days", c.s2IntervalDays}}},
                      {"lst", {{"local_solar", "10:30"}, {"repeat_days", 1}}}});
    const nlohmann::json projects = workloadProjects(ctx.manifest);
    nlohmann::json projectList = nlohmann::json::array();
    for (const auto& [workload, data] : projects.items()) {
        const std::string rel = "projects/" + workload + ".soilscope.json";
        nlohmann::json p = {{"format", "soilscope-project"},
                            {"version", 1},
                            {"name", workload + " on the twin region"},
                            {"workload", workload},
                            {"data", data}};
        writeTextAtomically(ctx.output(rel), p.dump(2) + "\n");
        projectList.push_back(rel);
    }
    ctx.manifest.set("projects", projectList);
    writeTextAtomically(ctx.output("README.md"), twinReadme(ctx));
    writeTextAtomically(ctx.output("twin.json"), ctx.manifest.toJson().dump(2) + "\n");
}

} // namespace soilscope::demo
