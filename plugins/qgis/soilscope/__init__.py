"""SoilScope for QGIS: a Processing provider driving the soilscope-cli engine."""


def classFactory(iface):  # noqa: N802 (QGIS plugin entry point)
    from .plugin import SoilScopePlugin

    return SoilScopePlugin(iface)
