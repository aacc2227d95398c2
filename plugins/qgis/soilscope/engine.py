"""Where soilscope-cli is, what it declares, and how it is run."""
import json
import os
import shutil
import subprocess

from qgis.core import QgsSettings

SETTING_KEY = "soilscope/engine"
MINIMUM_VERSION = (0, 1, 0)
PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))


class EngineError(Exception):
    """The engine is missing, too old or does not answer: a message for the user."""


def _version_tuple(text):
    parts = []
    for piece in str(text).split(".")[:3]:
        digits = "".join(c for c in piece if c.isdigit())
        parts.append(int(digits) if digits else 0)
    while len(parts) < 3:
        parts.append(0)
    return tuple(parts)


def candidates():
    """Places looked at, in order: the provider setting, $SOILSCOPE_CLI, the engine recorded by
    make install-qgis-plugin, the same install prefix as the plugin, then PATH."""
    found = []
    setting = QgsSettings().value(SETTING_KEY, "", type=str)
    if setting:
        found.append(setting)
    if os.environ.get("SOILSCOPE_CLI"):
        found.append(os.environ["SOILSCOPE_CLI"])
    # make install_qgis_plugin writes the path of the build's engine next to the plugin.
    recorded = os.path.join(PLUGIN_DIR, "engine_path.txt")
    if os.path.exists(recorded):
        with open(recorded, encoding="utf-8") as f:
            found.append(f.read().strip())
    # <prefix>/share/qgis/python/plugins/soilscope -> <prefix>/bin
    found.append(os.path.normpath(os.path.join(PLUGIN_DIR, "../../../../../bin/soilscope-cli")))
    on_path = shutil.which("soilscope-cli")
    if on_path:
        found.append(on_path)
    return found


def find_engine():
    """The first executable soilscope-cli; EngineError naming every place looked at."""
    looked = candidates()
    for path in looked:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise EngineError(
        "SoilScope's engine (soilscope-cli) was not found. Looked at: "
        + (", ".join(looked) if looked else "nothing configured")
        + ". Install SoilScope, or set its path in Processing → Options → Providers → SoilScope."
    )


def describe(engine):
    """Every task as the engine declares it (soilscope-cli help --json)."""
    try:
        done = subprocess.run(
            [engine, "help", "--json"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise EngineError("%s does not run: %s" % (engine, e)) from e
    if done.returncode != 0:
        raise EngineError(
            "%s does not describe its tasks (exit %d): %s. It may be too old for this plugin "
            "(needs %s or newer)."
            % (engine, done.returncode, done.stderr.strip(), ".".join(map(str, MINIMUM_VERSION)))
        )
    try:
        description = json.loads(done.stdout)
    except ValueError as e:
        raise EngineError("%s answered help --json with something else than JSON" % engine) from e
    if _version_tuple(description.get("version", "0")) < MINIMUM_VERSION:
        raise EngineError(
            "%s is version %s; this plugin needs %s or newer"
            % (engine, description.get("version"), ".".join(map(str, MINIMUM_VERSION)))
        )
    return description
