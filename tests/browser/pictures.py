"""Generated photographs for the browser tests: a soft landscape, different for every seed."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = [
    ((33, 93, 140), (214, 232, 243), (60, 120, 70)),
    ((150, 60, 40), (247, 214, 170), (120, 90, 40)),
    ((40, 110, 100), (210, 238, 228), (70, 130, 60)),
    ((90, 60, 120), (232, 220, 240), (60, 100, 90)),
]


def photo_jpeg(seed=0, size=(1200, 750)):
    """JPEG bytes of a sky over hills with a few people-sized shapes: looks like a photograph."""
    rnd = random.Random(seed)
    top, bottom, land = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for layer in range(3):
        base = int(height * (0.55 + 0.12 * layer))
        shade = tuple(max(0, c - 25 * layer) for c in land)
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base + rnd.randint(-40, 40)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    for _ in range(7):
        x = rnd.randint(40, width - 40)
        y = int(height * 0.82)
        h = rnd.randint(60, 110)
        draw.ellipse([x - 14, y - h - 28, x + 14, y - h], fill=(40, 35, 35))
        draw.rounded_rectangle(
            [x - 22, y - h, x + 22, y],
            radius=12,
            fill=rnd.choice([(200, 30, 40), (245, 197, 24), (240, 240, 240), (30, 60, 120)]),
        )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()
