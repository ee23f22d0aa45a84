"""Figures for reports: models by field × recognition year, with totals, and its bar chart.

A model recognised in two years counts in both years' columns; the row and column totals count
models once (a model recognised twice is one model), so a total may be less than its cells' sum.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from .models import Practice, Recognition, Sector

UNCLASSIFIED = "Chưa phân loại"
# One colour per field, in the vocabulary's order (contrast ≥ 3:1 on white).
COLOURS = ["#b3261e", "#1f5fa8", "#2e7d32", "#8a5a00", "#6a3d9a", "#00707a", "#5f6368"]


@dataclass
class Row:
    label: str
    cells: list
    total: int
    colour: str = ""


@dataclass
class Table:
    years: list
    rows: list
    column_totals: list
    total: int
    chart: dict = field(default_factory=dict)


def field_year_table(practices):
    """The table for `practices` (a queryset: the catalogue's filtered list, or all public)."""
    ids = practices.order_by().values("pk")
    cells = {}
    for r in (
        Recognition.objects.filter(practice_id__in=ids)
        .values("practice__sector_id", "year")
        .annotate(n=Count("practice_id", distinct=True))
        .order_by()
    ):
        cells[(r["practice__sector_id"], r["year"])] = r["n"]
    by_year = dict(
        Recognition.objects.filter(practice_id__in=ids)
        .values_list("year")
        .annotate(n=Count("practice_id", distinct=True))
        .order_by()
    )
    by_sector = dict(
        Practice.objects.filter(pk__in=ids, last_recognised_year__gt=0)
        .values_list("sector_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    years = sorted(by_year)
    sectors = [(s.pk, s.name) for s in Sector.objects.all()]
    if any(sector is None for sector, _ in cells):
        sectors.append((None, UNCLASSIFIED))
    rows = [
        Row(
            label,
            [cells.get((pk, year), 0) for year in years],
            by_sector.get(pk, 0),
            COLOURS[index % len(COLOURS)],
        )
        for index, (pk, label) in enumerate(sectors)
    ]
    table = Table(
        years=years,
        rows=rows,
        column_totals=[by_year[year] for year in years],
        total=sum(by_sector.values()),
    )
    table.chart = chart(table)
    return table


WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 280, 44, 36, 12


def chart(table):
    """Stacked bars, one per year, one segment per field: coordinates for the SVG template."""
    if not table.years:
        return {}
    peak = max(sum(row.cells[i] for row in table.rows) for i in range(len(table.years))) or 1
    plot_height = HEIGHT - BOTTOM - TOP
    step = (WIDTH - LEFT - 8) / len(table.years)
    bar = min(48.0, step * 0.7)
    bars = []
    for i, year in enumerate(table.years):
        x = LEFT + i * step + (step - bar) / 2
        y = HEIGHT - BOTTOM
        segments = []
        for row in table.rows:
            n = row.cells[i]
            if not n:
                continue
            h = n / peak * plot_height
            y -= h
            segments.append(
                {
                    "x": round(x, 1),
                    "y": round(y, 1),
                    "h": round(h, 1),
                    "colour": row.colour,
                    "title": f"{row.label}, năm {year}: {n} mô hình",
                }
            )
        total = sum(row.cells[i] for row in table.rows)
        bars.append(
            {
                "year": year,
                "x": round(x, 1),
                "width": round(bar, 1),
                "label_x": round(x + bar / 2, 1),
                "top": round(y - 4, 1),
                "total": total,
                "segments": segments,
            }
        )
    ticks = [
        {"y": round(HEIGHT - BOTTOM - plot_height * f, 1), "value": round(peak * f)}
        for f in (0, 0.5, 1)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "axis_y": HEIGHT - BOTTOM,
        "left": LEFT,
        "year_y": HEIGHT - BOTTOM + 18,
        "bars": bars,
        "ticks": ticks,
        "legend": [row for row in table.rows if any(row.cells)],
    }
