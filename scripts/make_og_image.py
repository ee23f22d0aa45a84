"""Draw static/img/og-default.png, the share image of pages without a lead photo.

The emblem of static/img/emblem.svg (a red disc ringed in gold with a gold star) on a cream
card, 1200 × 630 as Facebook and Zalo expect. Run once after changing the emblem:
    .venv/bin/python scripts/make_og_image.py
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

RED, GOLD, CREAM = "#c8102e", "#f5c518", "#fbf7ef"
WIDTH, HEIGHT, SCALE = 1200, 630, 4  # drawn 4× larger then reduced: smooth edges
OUT = Path(__file__).resolve().parent.parent / "static" / "img" / "og-default.png"


def star(cx, cy, outer, inner):
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def main():
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    image = Image.new("RGB", (w, h), CREAM)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, w, 36 * SCALE), fill=RED)
    draw.rectangle((0, h - 36 * SCALE, w, h), fill=RED)
    cx, cy, r = w // 2, h // 2, 220 * SCALE
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=GOLD)
    inner = r - 18 * SCALE
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), fill=RED)
    draw.polygon(star(cx, cy + 8 * SCALE, 165 * SCALE, 66 * SCALE), fill=GOLD)
    image.resize((WIDTH, HEIGHT), Image.LANCZOS).save(OUT, optimize=True)
    print(OUT)


if __name__ == "__main__":
    main()
