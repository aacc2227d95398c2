#!/usr/bin/env bash
# Regenerates the screenshots of README.md from the tiny twin region, offscreen.
# Usage: docs/screenshots.sh [BUILD_DIR] [WORK_DIR]
set -euo pipefail
build=${1:-build}
work=${2:-$(mktemp -d)}
cli="$build/bin/soilscope-cli"
gui="$build/bin/soilscope"
docs=$(cd "$(dirname "$0")" && pwd)
twin="$work/twin"
[ -f "$twin/twin.json" ] || "$cli" demo --out "$twin" --preset tiny --quiet
project="$twin/projects/sar_ml_scenarios.soilscope.json"
zip=$(ls "$twin"/stations/*.zip | head -1)

# The scenario workload runs its own pipeline (tables); --generic trains its model and writes a map.
"$cli" train --project "$project" --quick --generic --device cpu --json > "$work/train.json"
"$cli" station-metrics --stations "$zip" --flags all --out "$work/station_metrics" \
  --products "$twin/reanalysis/reanalysis_hourly_0p25deg.nc,$twin/cci/cci_sm_daily_0p25deg.nc,$twin/ascat/ascat_sigma40_0p25deg.nc" \
  --variables swvl1,sm,ssm --names reanalysis,CCI,ASCAT --json > "$work/station_metrics.json"
"$cli" validate --reference "$zip" --station AG01 --candidate "$twin/truth/stations_sm_hourly.csv" \
  --candidate-column SYNAGRI/AG01 --pairs-out "$work/pairs.csv" --json > "$work/validate.json"
"$cli" spectrum --input "$twin/truth/sm_fine_60m.nc" --variable sm --json > "$work/spectrum.json"
"$cli" intraday --product "$twin/ascat/ascat_sigma40_0p25deg.nc" --product-variable ssm \
  --reference "$twin/reanalysis/reanalysis_hourly_0p25deg.nc" --reference-variable swvl1 \
  --precipitation "$twin/weather/forcing_hourly_0p25deg.nc" --precipitation-variable tp \
  --day local-solar --out "$work/intraday" --json > "$work/intraday.json"

map=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['maps'][0])" "$work/train.json")
"$gui" --project "$project" "$map" "$work/station_metrics.json" --screenshot "$docs/screenshot-map.png" --view map
"$gui" --project "$project" "$map" --screenshot "$docs/screenshot-timeseries.png" --view timeseries
"$gui" --project "$project" "$work/validate.json" --screenshot "$docs/screenshot-scatter.png" --view scatter
"$gui" --project "$project" "$work/spectrum.json" --screenshot "$docs/screenshot-spectrum.png" --view spectrum
"$gui" --project "$project" "$work/intraday.json" --screenshot "$docs/screenshot-intraday.png" --view intraday
# The project editor's Predictors page with a derived predictor computed on the map.
"$gui" --project "$project" --screenshot "$docs/screenshot-predictor.png" --view predictor
# The German translation: the map view with the Parameters dock of the train task.
"$gui" --project "$twin/projects/wcm_lstm.soilscope.json" --lang de --screenshot "$docs/screenshot-german.png" --view map
# The live training monitor after training the CNN workload's model with its own settings (a few seconds).
"$gui" --project "$twin/projects/cnn_ascat_intraday.soilscope.json" --screenshot "$docs/screenshot-training.png" \
  --view training --train full
echo "screenshots written to $docs"
