#include "demo/reanalysis_model.h"
#include "demo/rough_surface_backscatter.h"
#include "demo/twin_documents.h"

#include <sstream>
#include <string>

namespace soilscope::demo {

namespace {

/// Each error source of the observations with its size and the published figure it is matched to.
std::string errorSources(const TwinConfig& c) {
    using M = ReanalysisModel;
    using C = CanopyBeyondNdvi;
    using R = SurfaceRoughness;
    std::ostringstream o;
    o << "## Error sources\n\n";
    if (!c.realisticErrors) {
        o << "This twin has the **simple** error model (the `tiny` preset's): products are the "
             "truth plus independent noise\n"
             "(reanalysis: truth × 1.05 + 0.04 + AR(1) 0.02 m³/m³; Sentinel-1: the water cloud "
             "model plus white noise;\n"
             "Sentinel-2: white noise 0.004). Easier than reality; for tests. `small` and "
             "`standard` are realistic.\n\n";
        return o.str();
    }
    o << "This twin has the **realistic** error model: no product is the truth plus independent "
         "noise.\n\n"
      << "| product | error source | size | matched to (published) |\n|---|---|---|---|\n"
      << "| reanalysis-like (`swvl1`) | its own land-surface run: the truth's bucket on a "
         "coarser soil map (3 × 3 mean) perturbed per cell | porosity × exp("
      << M::kPorosityLogErrorStd << " N), field capacity × exp(" << M::kFieldCapacityLogErrorStd
      << " N), ksat × exp(" << M::kKsatLogErrorStd
      << " N) | ERA5 uses a coarse soil-texture map (FAO), not the site's soil |\n"
      << "| | precipitation forcing: daily multiplicative error, half regional, half per cell, "
         "lag-1 "
      << M::kPrecipitationErrorLag1 << "; " << M::kPrecipitationSmearShare * 100
      << " % smeared over " << M::kPrecipitationSmearHours << " h (drizzle) | log-std "
      << M::kPrecipitationLogErrorStd
      << " | ERA5 daily precipitation vs gauges r ≈ 0.6–0.8 (Lavers et al. 2022, QJRMS) |\n"
      << "| | missed rain days; invented afternoon showers (" << M::kFalseEventRate_mm_h
      << " mm/h for " << M::kFalseEventHours << " h) | " << M::kMissedEventShare * 100 << " %, "
      << M::kFalseEventShare * 100
      << " % of cell-days | ERA5 drizzles too often and misses convective events |\n"
      << "| | evaporation demand | × exp(" << M::kPetLogErrorStd << " N) per cell | — |\n"
      << "| | vegetation: climatological LAI, no year-to-year change (also its `lai_hv`, "
         "`lai_lv`) | ± 12 % years | ERA5 uses an LAI climatology |\n"
      << "| | layer 0–7 cm (5/7 of 0–5 cm, 2/7 of 5–30 cm), 3 × 3 smoothing, wet bias | +0.04 "
         "m³/m³ | ERA5 in situ median r 0.75, bias 0.056 (CNN paper, ISMN 2019) |\n"
      << "| stations | representativeness: probe vs the point's 0–5 cm layer, AR(1), 14-day "
         "memory | std U(0.015, 0.04) m³/m³ per station | Gruber et al. (2013): 0.01–0.04 "
         "m³/m³ |\n"
      << "| | sensor bias, gain, white noise, spikes, gaps (as in the simple model) | bias N(0, "
         "0.015), "
         "gain N(1, 0.06), noise 0.003–0.006 | ISMN flags D06, C01–C03 |\n"
      << "| Sentinel-1 | soil: Dubois et al. (1995) VV and Oh et al. (2004) VH with Topp "
         "permittivity, not C + D·SM | — | — |\n"
      << "| | roughness: settled rms height field | " << R::kSettledMean_cm << " cm × exp("
      << R::kSettledLogStd << " N) | agricultural soils 0.5–3 cm (Baghdadi et al. 2016) |\n"
      << "| | tillage on cropland: ploughing (autumn), seedbed (spring), settling | "
      << R::kPloughed_cm << " cm / " << R::kSeedbed_cm << " cm, e-folding " << R::kSettling_days
      << " days | — |\n"
      << "| | canopy structure not seen by NDVI; stems wet after senescence | VWC × exp("
      << C::kStructureLogStd << " N); +" << C::kSenescentShare * 100 << " % of the "
      << C::kSenescenceLag_days << "-day drop | — |\n"
      << "| | radiometric stability per acquisition | " << kSentinel1RadiometricStabilityDb
      << " dB | 0.1–0.2 dB measured (Schwerdt et al. 2017) |\n"
      << "| | speckle Gamma(L, 1/L) at the pixel size | L = 4.4 per 20 m × 22 m cell | "
         "Sentinel-1 IW GRDH ENL 4.4 |\n"
      << "| ASCAT-like σ40, H120-like `ssm` | WCM with unmodelled AR(1) error (21 days), noise, "
         "azimuthal anisotropy per orbit, dry-soil sub-surface scattering, canopy structure | "
         "0.6 dB, 0.35 dB, 0.3 dB, up to 1.0 dB × sand fraction | H120 vs ERA5 r 0.58, in situ "
         "0.59 (CNN "
         "paper) |\n"
      << "| Sentinel-2 L2A | aerosol optical thickness error of the atmospheric correction, "
         "spatially correlated (~5 km to 600 m) | AOT 0.05, 0.005 reflectance at 490 nm | Sen2Cor "
         "surface reflectance 0.005–0.01 (Doxani et al. 2018) |\n"
      << "| | scene-wide illumination / BRDF gain; white noise | 2 %; 0.002 | — |\n\n";
    return o.str();
}

} // namespace

std::string twinReadme(const TwinContext& ctx) {
    const TwinConfig& c = ctx.config;
    std::ostringstream o;
    o << "# SoilScope twin region (" << c.preset << ", seed " << c.seed << ")\n\n"
      << "A **synthetic** study region whose truth is known, written in the formats real data come "
         "in.\n"
      << "Nothing here is a measurement: every value was simulated by `soilscope-cli demo --preset "
      << c.preset << " --seed " << c.seed
      << "`, and the same command gives byte-identical data files.\n\n"
      << "- Box: " << c.lonMin << "–" << c.lonMin + c.coarseNx * c.coarseRes << " °E, "
      << c.latMax - c.coarseNy * c.coarseRes << "–" << c.latMax
      << " °N (southern France, synthetic landscape)\n"
      << "- Period: " << formatIsoTime(c.start) << " to " << formatIsoTime(c.end()) << " ("
      << c.hours << " hours)\n"
      << "- Grids: 0.25° (" << c.coarseNx << " × " << c.coarseNy << " cells, EPSG:4326); a "
      << c.fineRes << " m UTM grid (" << c.fineGrid().width() << " × " << c.fineGrid().height()
      << " px, EPSG:" << c.fineEpsg << ") "
      << (c.fineBlockCells > 0 ? "covering " + std::to_string(c.fineBlockCells) + " × " +
                                     std::to_string(c.fineBlockCells) + " whole 0.25° cells"
                               : std::string("around one 0.25° cell"))
      << "; a " << c.sarRes << "° Sentinel-1 grid; ~1 km (" << c.lstRes
      << "°) LST over the fine area; 0.1° precipitation\n"
      << "- Stations: " << c.stationCount
      << " in four networks (SYNFINE inside the fine area, SYNMIDI, SYNAGRI, SYNHILL)\n\n"
      << "## How the truth is made\n\n"
      << "1. **Landscape**: fractal elevation, sand/clay, organic carbon and ESA WorldCover land "
         "cover (10 tree, 30 grassland,\n"
      << "   40 cropland, 50 built-up, 80 water) are smooth functions of lon/lat, so every grid "
         "samples the same landscape.\n"
      << "   Porosity, residual water content, field capacity and conductivity come from a "
         "pedotransfer function (Cosby 1984).\n"
      << "2. **Weather**: moving Gaussian rain cells (frontal in winter, convective in summer; "
         "`truth/storms.csv`), air and\n"
      << "   soil temperature with seasonal and diurnal cycles, clouds around storms, shortwave "
         "radiation, Priestley–Taylor PET.\n"
      << "3. **Vegetation**: LAI cycles per land-cover class, NDVI from LAI, VWC = 1.9134 NDVI² − "
         "0.3215 NDVI (+1.5 kg m⁻² stems for trees).\n"
      << "4. **Soil moisture 0–5 cm**: an hourly bucket per 0.25° cell and per station "
         "(saturation-excess infiltration,\n"
      << "   drainage and capillary rise to a 5–30 cm store, evaporation with a diurnal cycle "
         "limited by moisture), always within\n"
      << "   [residual, porosity]. `truth/water_balance_daily_0p25deg.nc` closes: storage_end − "
         "storage_start = P − R − E − D.\n"
      << "5. Finer grids take the 0.25° relative saturation, interpolated, and add wetness "
         "(topography) and texture effects;\n"
      << "   the 60 m grid also resolves sub-kilometre relief (about ±20 m) that the coarser grids "
         "average away, with wetter\n"
      << "   hollows and drier rises (spatial std of the 60 m truth ≈ 0.03 m3/m3 at intermediate "
         "wetness).\n\n"
      << "## Observations and products\n\n"
      << "| file | what | variables |\n|---|---|---|\n";
    for (const auto& f : ctx.manifest.files()) {
        o << "| `" << f.path << "` | " << f.description << (f.truth ? " **(truth)**" : "") << " | ";
        for (std::size_t i = 0; i < f.variables.size(); ++i)
            o << (i ? ", " : "") << f.variables[i].name
              << (f.variables[i].units.empty() ? "" : " [" + f.variables[i].units + "]");
        o << " |\n";
    }
    o << "\n`twin.json` holds the same list with grids, time spans, each product's error model "
         "and the overpass\n"
      << "times; the generator's own constants (water cloud models, soil physics) are only in "
         "`truth/parameters.json`;\n"
      << "`projects/` holds one project per workload.\n\n";
    o << errorSources(c);
    o << "## Formats\n\n"
      << "- Gridded series: CF-1.8 NetCDF-4 (`time`, `lat`/`lon` or projected `y`/`x`, a "
         "grid-mapping variable with the EPSG\n"
      << "  code), DEFLATE-compressed; packed integers use `scale_factor`/`add_offset` and "
         "`_FillValue`. Times are UTC,\n"
      << "  `hours since 1970-01-01`. Accumulations (precipitation) end at the time stamp; states "
         "are instantaneous.\n"
      << "- ASCAT-like data sit at the nearest UTC hour of each overpass; `time_offset` gives the "
         "exact time,\n"
      << "  `orbit_direction` 0 = descending (09:30 local solar time), 1 = ascending (21:30).\n"
      << "- Static layers: tiled GeoTIFF, one band per layer, band descriptions name the layers.\n"
      << "- Stations: an ISMN *header_values* zip "
         "(`Network/Station/NET_NET_Station_sm_0.050000_0.050000_Sensor_start_end.stm`,\n"
      << "  `*_static_variables.csv`). Flags: `G` good, `D06` spike, `D01` frozen soil, "
         "`C01`–`C03` implausible values.\n\n"
      << "## Project files\n\n"
      << "`projects/<workload>.soilscope.json` name the data each workload uses:\n\n"
      << "```json\n{\"format\": \"soilscope-project\", \"version\": 1, \"name\": \"...\", "
         "\"workload\": \"wcm_lstm\",\n"
      << " \"data\": {\"vh\": {\"path\": \"../sentinel1/s1_sigma0.nc\", \"variable\": \"vh\"},\n"
      << "          \"clay\": {\"path\": \"../static/static_sar_grid.tif\", \"variable\": "
         "\"clay\", \"band\": 5}, ...}}\n```\n\n"
      << "Each `data` entry maps a role to a file (path relative to the project file), a variable, "
         "its units and, for\n"
      << "GeoTIFFs, a band; entries without a path are model constants from the literature (e.g. "
         "`wcm_vh`: B = 0.084,\n"
      << "the WCM-LSTM paper's grassland value; `vwc_from_ndvi`: Jackson et al. 2004), never the "
         "generator's own: those\n"
      << "(its water cloud models, stem water) are in `truth/parameters.json`.\n"
      << "Roles named `truth` point into `truth/`, which no workload input reads: they exist to "
         "check results.\n"
      << "Model settings are added by the learning engine.\n\n"
      << "## Known simplifications\n\n"
      << "- Each Sentinel-1 date images the whole box; incidence varies across 250 km swaths.\n"
      << "- The 60 m grid covers about one 0.25° cell in `tiny` and `small` and about 3 × 2 in "
         "`standard`, unless the twin was\n"
      << "  generated with `--fine-cells N` (N × N whole cells). Beyond it, `samples/` holds "
         "single 60 m pixels on a\n"
      << "  lattice of " << c.fineSamplesPerCell << " × " << c.fineSamplesPerCell
      << " per 0.25° cell over the whole box (static layers, Sentinel-2, LST), from which\n"
      << "  ffnn_downscaling_60m averages its 0.25° training samples.\n"
      << "- ASCAT is a single satellite; swaths are 550 km wide beside a 720 km nadir gap.\n";
    return o.str();
}

} // namespace soilscope::demo
