"""schema.org JSON-LD of a model's page: a Project run by its unit, about its field, in its place."""

from seo.structured_data import absolute, plain_text, publisher
from taxonomy.units import PLACE_KINDS


def project(practice):
    """What the page states, nothing more: unknown facts stay out."""
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "name": practice.title,
        "url": absolute(practice.get_absolute_url()),
        "description": plain_text(practice.summary),
        "inLanguage": "vi",
        "publisher": publisher(),
        "keywords": "Dân vận khéo",
    }
    unit = practice.unit
    if unit is not None:
        data["sponsor" if unit.kind not in PLACE_KINDS else "spatialCoverage"] = (
            {"@type": "Place", "name": unit.label}
            if unit.kind in PLACE_KINDS
            else {"@type": "Organization", "name": unit.label}
        )
    if practice.sector_id:
        data["about"] = {"@type": "Thing", "name": practice.sector.name}
    if practice.year_started:
        data["foundingDate"] = str(practice.year_started)
    awards = [f"{r.get_level_display()} năm {r.year}" for r in practice.recognitions.all()]
    if awards:
        data["award"] = awards
    images = [absolute(p.image.url) for p in practice.pictures.all() if p.image]
    if images:
        data["image"] = images
    return {key: value for key, value in data.items() if value not in (None, "", [])}
