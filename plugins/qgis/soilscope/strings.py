"""SoilScope's own translations of its task strings, in QGIS's language.

The engine declares its tasks in English; SoilScope's catalogue (soilscope_<lang>.qm, the one
the SoilScope app uses, context "TaskStrings") translates titles, descriptions, groups,
parameter and output descriptions. Values (ids, parameter names, choices) stay as declared.
"""
import copy
import os

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .engine import PLUGIN_DIR

CONTEXT = "TaskStrings"
# The provider's own few words (not the engine's), by language.
OWN = {
    "de": {
        "Command line:": "Kommandozeile:",
        "Outputs:": "Ausgaben:",
        "SoilScope result (JSON)": "SoilScope-Ergebnis (JSON)",
        " (comma-separated)": " (durch Kommas getrennt)",
        "Other": "Sonstiges",
    }
}

_translators = []  # QCoreApplication keeps only a pointer: keep the objects alive


def language():
    """The two-letter language: $SOILSCOPE_LANG, else QGIS's override locale, else the
    system's."""
    chosen = os.environ.get("SOILSCOPE_LANG", "")
    if not chosen:
        settings = QgsSettings()
        if settings.value("locale/overrideFlag", False, type=bool):
            chosen = settings.value("locale/userLocale", "", type=str)
    if not chosen:
        chosen = QLocale().name()
    return chosen.split("_")[0].lower()


def catalogue_candidates(engine_path, lang):
    """Where soilscope_<lang>.qm is looked for: next to the engine (build tree and install
    prefix), then the plugin's i18n folder (the plugin zip carries it there)."""
    name = "soilscope_%s.qm" % lang
    bin_dir = os.path.dirname(os.path.realpath(engine_path)) if engine_path else ""
    found = []
    if bin_dir:
        found.append(os.path.join(bin_dir, "..", "translations", name))
        found.append(os.path.join(bin_dir, "..", "share", "soilscope", "translations", name))
    found.append(os.path.join(PLUGIN_DIR, "i18n", name))
    return [os.path.normpath(p) for p in found]


class Strings:
    """Translates the engine's declared strings; English when no catalogue fits."""

    def __init__(self, engine_path, lang=None):
        self.lang = lang or language()
        self.catalogue = ""
        if self.lang == "en":
            return
        for path in catalogue_candidates(engine_path, self.lang):
            translator = QTranslator()
            if os.path.isfile(path) and translator.load(path):
                QCoreApplication.installTranslator(translator)
                _translators.append(translator)
                self.catalogue = path
                break

    def task(self, text):
        if not text or not self.catalogue:
            return text
        return QCoreApplication.translate(CONTEXT, text)

    def own(self, text):
        return OWN.get(self.lang, {}).get(text, text)

    def translated(self, description):
        """A copy of the engine's help --json with its human strings translated."""
        out = copy.deepcopy(description)
        if not self.catalogue:
            return out
        for task in out.get("tasks", []):
            task["group_id"] = task.get("group") or "Other"  # stays English: a stable id
            for key in ("title", "description", "group"):
                if task.get(key):
                    task[key] = self.task(task[key])
            for p in task.get("parameters") or []:
                if p.get("description"):
                    p["description"] = self.task(p["description"])
            for o in task.get("outputs") or []:
                if o.get("description"):
                    o["description"] = self.task(o["description"])
        return out
