"""The SoilScope Processing provider in Debian's QGIS, headless.

Run by CTest with Debian's python3 (PyQGIS): qgis_process lists one algorithm per task,
soilscope:validate gives the CLI's numbers, raster-info runs, a gridded product loads as a layer
with SoilScope's style, cancelling stops the engine without leaving an output, a missing engine
is a clear message, the help is German where QGIS is, and predict runs a bundle trained on the
tiny twin. Environment: SOILSCOPE_CLI (the engine), SOILSCOPE_PLUGIN_DIR (the plugin
folder), SOILSCOPE_SHARED_DATA.
"""
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

CLI = os.environ["SOILSCOPE_CLI"]
PLUGIN = os.environ["SOILSCOPE_PLUGIN_DIR"]
SHARED = os.environ.get("SOILSCOPE_SHARED_DATA", "")
# Debian's /usr/bin/qgis_process wrapper passes --noversioncheck, which QGIS 3.22's
# qgis_process.bin refuses; call the binary itself when it is there.
QGIS_PROCESS = shutil.which("qgis_process.bin") or shutil.which("qgis_process")

WORK = tempfile.mkdtemp(prefix="soilscope-qgis-")
PROFILE = os.path.join(WORK, "profile")
os.makedirs(os.path.join(PROFILE, "profiles", "default", "python", "plugins"))
os.symlink(PLUGIN, os.path.join(PROFILE, "profiles", "default", "python", "plugins", "soilscope"))
os.environ.update(
    {"QGIS_CUSTOM_CONFIG_PATH": PROFILE, "QT_QPA_PLATFORM": "offscreen", "SOILSCOPE_CLI": CLI}
)


def qgis_process(*args):
    done = subprocess.run(
        [QGIS_PROCESS] + list(args), capture_output=True, text=True, timeout=300, check=False
    )
    return done.returncode, done.stdout, done.stderr


_ENABLED = []


def enable_plugin():
    """Enables the provider in the test profile once (a second enable is an error)."""
    if not QGIS_PROCESS:
        raise unittest.SkipTest("qgis_process is not installed")
    if not _ENABLED:
        code, out, err = qgis_process("plugins", "enable", "soilscope")
        assert code == 0, out + err
        _ENABLED.append(True)


def write_pair():
    random.seed(1)
    ref, cand = os.path.join(WORK, "ref.csv"), os.path.join(WORK, "cand.csv")
    with open(ref, "w") as r, open(cand, "w") as c:
        r.write("time,sm\n")
        c.write("time,sm\n")
        for i in range(300):
            t = "2019-%02d-%02dT%02d:00:00Z" % (1 + i // 28 % 12, 1 + i % 28, (i * 7) % 24)
            v = 0.25 + 0.08 * math.sin(i / 20) + random.gauss(0, 0.01)
            r.write("%s,%.5f\n" % (t, v))
            c.write("%s,%.5f\n" % (t, 0.9 * v + 0.03 + random.gauss(0, 0.02)))
    return ref, cand


class QgisProcessTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        enable_plugin()

    def test_every_task_is_an_algorithm(self):
        tasks = json.loads(subprocess.run([CLI, "help", "--json"], capture_output=True,
                                          text=True, check=True).stdout)["tasks"]
        code, out, err = qgis_process("list")
        self.assertEqual(code, 0, err)
        listed = {line.split()[0] for line in out.splitlines() if line.strip().startswith("soilscope:")}
        self.assertEqual(listed, {"soilscope:" + t["id"] for t in tasks})

    def test_validate_gives_the_cli_numbers(self):
        ref, cand = write_pair()
        cli = json.loads(subprocess.run(
            [CLI, "validate", "--reference", ref, "--reference-column", "sm", "--candidate",
             cand, "--candidate-column", "sm", "--json"], capture_output=True, text=True,
            check=True).stdout)
        pairs = os.path.join(WORK, "pairs.csv")
        code, out, err = qgis_process(
            "--json", "run", "soilscope:validate", "--", "reference=" + ref,
            "reference-column=sm", "candidate=" + cand, "candidate-column=sm",
            "pairs-out=" + pairs)
        self.assertEqual(code, 0, err)
        result = json.loads(json.loads(out)["results"]["RESULT"])
        for key in ("n", "R", "ubRMSD"):
            self.assertEqual(result[key], cli[key], key)
        self.assertTrue(os.path.exists(pairs))

    def test_spectrum_gives_the_cli_slope(self):
        raster = os.path.join(SHARED, "rasters", "elev.tif")
        if not os.path.exists(raster):
            self.skipTest("no shared rasters")
        cli = json.loads(subprocess.run([CLI, "spectrum", "--input", raster, "--json"],
                                        capture_output=True, text=True, check=True).stdout)
        code, out, err = qgis_process("--json", "run", "soilscope:spectrum", "--",
                                      "input=" + raster)
        self.assertEqual(code, 0, err)
        result = json.loads(json.loads(out)["results"]["RESULT"])
        self.assertEqual(result["zonal"]["slope"], cli["zonal"]["slope"])

    def test_raster_info_and_a_clear_error(self):
        raster = os.path.join(SHARED, "rasters", "elev.tif")
        if not os.path.exists(raster):
            self.skipTest("no shared rasters")
        code, out, err = qgis_process("--json", "run", "soilscope:raster-info", "--",
                                      "input=" + raster)
        self.assertEqual(code, 0, err)
        self.assertIn("width", json.loads(json.loads(out)["results"]["RESULT"]))
        code, out, err = qgis_process("run", "soilscope:raster-info", "--",
                                      "input=" + os.path.join(WORK, "ref.csv"))
        self.assertNotEqual(code, 0)
        self.assertIn("ref.csv", out + err)  # SoilScope's message, naming the file


def tiny_twin_bundle():
    """A tiny twin and an MLP trained on it quickly: (twin folder, bundle folder)."""
    twin = os.path.join(WORK, "tiny-twin")
    if not os.path.isdir(twin):
        subprocess.run([CLI, "demo", "--out", twin, "--preset", "tiny", "--quiet"], check=True,
                       timeout=300)
    trained = json.loads(subprocess.run(
        [CLI, "train", "--project", os.path.join(twin, "projects", "sar_ml_scenarios.soilscope.json"),
         "--generic", "--quick", "--device", "cpu", "--threads", "1", "--set", "model.family=mlp",
         "--json", "--quiet"], capture_output=True, text=True, check=True, timeout=600).stdout)
    return twin, trained["bundle"]


class GermanHelpTest(unittest.TestCase):
    """QGIS in German shows SoilScope's own German strings (the app's catalogue)."""

    @classmethod
    def setUpClass(cls):
        enable_plugin()

    def test_qgis_process_help_is_german(self):
        if not QGIS_PROCESS:
            self.skipTest("qgis_process is not installed")
        os.environ["SOILSCOPE_LANG"] = "de"
        try:
            code, out, err = qgis_process("help", "soilscope:train")
        finally:
            del os.environ["SOILSCOPE_LANG"]
        self.assertEqual(code, 0, err)
        self.assertIn("Ein Modell trainieren", out)  # the title
        self.assertIn("Ausgaben:", out)
        code, out, err = qgis_process("help", "soilscope:train")
        self.assertIn("Train a model", out)


class QgisPredictTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        enable_plugin()
    def test_predict_through_qgis_gives_the_cli_map(self):
        if not QGIS_PROCESS:
            self.skipTest("qgis_process is not installed")
        twin, bundle = tiny_twin_bundle()
        static = os.path.join(twin, "static", "static_sar_grid.tif")
        s1 = os.path.join(twin, "sentinel1", "s1_sigma0.nc")
        inputs = ",".join(["vv=%s#vv" % s1, "vh=%s#vh" % s1, "incidence=%s#incidence" % s1,
                           "sand=%s#4" % static, "clay=%s#5" % static,
                           "bulk_density=%s#6" % static, "elevation=%s#1" % static,
                           "slope=%s#2" % static, "aspect=%s#3" % static,
                           "ndvi=%s#ndvi" % os.path.join(twin, "optical", "ndvi_8day.nc")])
        date = "2019-12-22T17:48:00Z"
        cli_out, qgis_out = os.path.join(WORK, "sm-cli.tif"), os.path.join(WORK, "sm-qgis.tif")
        cli = json.loads(subprocess.run(
            [CLI, "predict", "--model", bundle, "--inputs", inputs, "--date", date, "--out",
             cli_out, "--json", "--quiet"], capture_output=True, text=True, check=True).stdout)
        code, out, err = qgis_process("--json", "run", "soilscope:predict", "--",
                                      "model=" + bundle, "inputs=" + inputs, "date=" + date,
                                      "out=" + qgis_out)
        self.assertEqual(code, 0, out + err)
        result = json.loads(json.loads(out)["results"]["RESULT"])
        self.assertEqual(result["predicted"], cli["predicted"])
        self.assertGreater(result["predicted"], 0)
        from osgeo import gdal

        a, b = gdal.Open(cli_out), gdal.Open(qgis_out)
        self.assertEqual(a.ReadAsArray().tobytes(), b.ReadAsArray().tobytes())
        self.assertTrue(os.path.exists(qgis_out[:-4] + ".qml"))  # SoilScope's style beside it


class InProcessTest(unittest.TestCase):
    """The provider inside a QGIS application: loaded layers, styles, cancel, missing engine."""

    @classmethod
    def setUpClass(cls):
        from qgis.core import QgsApplication

        cls.app = QgsApplication([], False)
        cls.app.initQgis()
        sys.path.insert(0, "/usr/share/qgis/python/plugins")
        sys.path.insert(0, os.path.dirname(PLUGIN))
        from processing.core.Processing import Processing

        Processing.initialize()
        from soilscope.provider import SoilScopeProvider

        cls.provider = SoilScopeProvider()
        QgsApplication.processingRegistry().addProvider(cls.provider)

    def run_algorithm(self, name, parameters, feedback=None):
        from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

        import processing

        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        result = processing.run(name, parameters, context=context,
                                feedback=feedback or QgsProcessingFeedback())
        return result, context

    def test_gridded_product_loads_with_the_soilscope_style(self):
        from qgis.core import (
            QgsProcessingFeedback,
            QgsProcessingUtils,
            QgsSingleBandPseudoColorRenderer,
        )

        cell = os.path.join(SHARED, "products", "TUW_METOP_ASCAT_WARP55R12_1358.nc")
        if not os.path.exists(cell):
            self.skipTest("no shared ASCAT cell")
        out = os.path.join(WORK, "ascat.tif")
        result, context = self.run_algorithm("soilscope:product-to-grid", {
            "input": cell, "bbox": "5,40,10,45", "resolution": 0.25, "from": "2010-06-01",
            "to": "2010-06-04",
            "out": out})
        self.assertTrue(os.path.exists(out))
        details = context.layersToLoadOnCompletion()
        self.assertIn(out, details)
        # What QGIS does with a result layer: load it, then run its post-processor.
        layer = QgsProcessingUtils.mapLayerFromString(out, context)
        self.assertTrue(layer.isValid())
        details[out].postProcessor().postProcessLayer(layer, context, QgsProcessingFeedback())
        self.assertIsInstance(layer.renderer(), QgsSingleBandPseudoColorRenderer)
        shader = layer.renderer().shader().rasterShaderFunction()
        self.assertEqual(shader.maximumValue(), 71)  # the fitted range SoilScope wrote

    def test_cancel_stops_the_engine_and_leaves_no_output(self):
        from qgis.core import QgsProcessingFeedback

        feedback = QgsProcessingFeedback()
        out = os.path.join(WORK, "twin")
        threading.Timer(2.0, feedback.cancel).start()
        started = time.time()
        result, _ = self.run_algorithm("soilscope:demo", {"out": out, "preset": 1}, feedback)
        self.assertLess(time.time() - started, 30)
        self.assertEqual(result, {})
        self.assertFalse(os.path.exists(out), "a canceled demo left its output")

    def test_strings_follow_the_language(self):
        from soilscope.algorithm import SoilScopeAlgorithm
        from soilscope.strings import Strings

        description = json.loads(subprocess.run([CLI, "help", "--json"], capture_output=True,
                                                text=True, check=True).stdout)
        german = Strings(CLI, "de")
        self.assertTrue(german.catalogue.endswith("soilscope_de.qm"), german.catalogue)
        tasks = {t["id"]: t for t in german.translated(description)["tasks"]}
        train = SoilScopeAlgorithm(tasks["train"], CLI, german)
        self.assertEqual(train.displayName(), "Ein Modell trainieren")
        self.assertEqual(train.group(), "Lernen")
        self.assertEqual(train.groupId(), "learning")  # ids stay English
        self.assertIn("Ausgaben:", train.shortHelpString())
        self.assertEqual(train.name(), "train")
        english = Strings(CLI, "en")
        self.assertEqual(english.translated(description), description)
        self.assertEqual(Strings(CLI, "xx").catalogue, "")  # no catalogue: English

    def test_missing_engine_is_a_message(self):
        from soilscope import engine

        saved = os.environ["SOILSCOPE_CLI"]
        os.environ["SOILSCOPE_CLI"] = os.path.join(WORK, "no-such-engine")
        saved_path = os.environ.get("PATH", "")
        os.environ["PATH"] = "/nonexistent"
        try:
            from soilscope.provider import SoilScopeProvider

            provider = SoilScopeProvider()
            provider.loadAlgorithms()
            self.assertIn("soilscope-cli", provider.error)
            self.assertIn("was not found", provider.error)
            self.assertEqual(len(provider.algorithms()), 0)
        finally:
            os.environ["SOILSCOPE_CLI"] = saved
            os.environ["PATH"] = saved_path
        self.assertGreater(engine._version_tuple("0.2.1"), engine.MINIMUM_VERSION)


if __name__ == "__main__":
    try:
        unittest.main(verbosity=2)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
