"""The demo's illustrations, drawn here with Pillow so the demo downloads nothing: calm, deliberate scenes in
one palette (the site's teal, sage, sand and clay), each with alt text that says what it shows."""

import io
import math

from PIL import Image, ImageDraw

TEAL = (11, 93, 91)
TEAL_SOFT = (120, 168, 160)
SAGE = (156, 184, 164)
SAND = (233, 220, 195)
SKY = (236, 242, 238)
CLAY = (201, 139, 107)
INK = (27, 36, 40)

# key: (title, alt text describing the picture)
ART = {
    "hero": (
        "Calm morning light",
        "An illustration of three layers of rolling hills in sage and teal under a pale sky, with a low sun "
        "rising behind them.",
    ),
    "article": (
        "Integrative care",
        "An illustration of a single curved stem with two leaves, one teal and one sage green, on a warm sand "
        "background.",
    ),
    "infusion": (
        "Treatment room",
        "An illustration of a quiet room: a reclining armchair beside a tall window with soft daylight.",
    ),
    "home-program": (
        "At home",
        "An illustration of a small house at dusk with one warm lit window, on a teal hillside.",
    ),
    "functional": (
        "Whole-person care",
        "An illustration of a seedling with two leaves growing from the soil, its roots visible below the ground.",
    ),
}

# The same pictures described in Spanish, for the Spanish pages' own alt text (site_core.pages.hero).
ALT_ES = {
    "hero": (
        "Ilustración de tres capas de colinas onduladas en verde salvia y verde azulado bajo un cielo claro, con "
        "un sol bajo que sale detrás."
    ),
    "article": (
        "Ilustración de un solo tallo curvo con dos hojas, una verde azulado y otra verde salvia, sobre un fondo "
        "color arena."
    ),
    "infusion": "Ilustración de una habitación tranquila: un sillón reclinable junto a una ventana alta con luz suave.",
    "home-program": "Ilustración de una casa pequeña al atardecer, con una ventana iluminada, en una colina verde azulado.",
    "functional": "Ilustración de un brote de dos hojas que crece de la tierra, con las raíces visibles bajo el suelo.",
}


def spanish_alt(image):
    """The Spanish description of a demo picture, or "" for an image the demo did not draw."""
    return next((ALT_ES[key] for key, (title, _alt) in ART.items() if title == image.title), "")


def _gradient(draw, size, top, bottom):
    width, height = size
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3)))


def _hill(draw, size, base, amplitude, wavelength, phase, colour):
    width, height = size
    points = [(x, base + amplitude * math.sin(x / wavelength + phase)) for x in range(0, width + 10, 10)]
    draw.polygon([*points, (width, height), (0, height)], fill=colour)


def _leaf(draw, centre, length, width, angle, colour):
    """A lens-shaped leaf along `angle` (radians) from its base at `centre`."""
    cx, cy = centre
    points = []
    for i in range(41):
        t = i / 40
        along, across = t * length, math.sin(math.pi * t) * width / 2
        points.append((along, across))
    points += [(along, -across) for along, across in reversed(points)]
    cos, sin = math.cos(angle), math.sin(angle)
    draw.polygon([(cx + a * cos - b * sin, cy + a * sin + b * cos) for a, b in points], fill=colour)


def _hero(draw, size):
    w, h = size
    _gradient(draw, size, SKY, SAND)
    draw.ellipse([w * 0.62, h * 0.38, w * 0.62 + h * 0.36, h * 0.74], fill=(242, 214, 170))
    _hill(draw, size, h * 0.62, h * 0.05, w / 5, 0.0, SAGE)
    _hill(draw, size, h * 0.72, h * 0.05, w / 4, 1.7, TEAL_SOFT)
    _hill(draw, size, h * 0.83, h * 0.04, w / 3.5, 3.1, TEAL)


def _article(draw, size):
    w, h = size
    draw.rectangle([0, 0, w, h], fill=SAND)
    stem = [(w * 0.5 + math.sin(t / 40 * math.pi) * w * 0.04, h * 0.9 - t / 40 * h * 0.7) for t in range(41)]
    draw.line(stem, fill=TEAL, width=max(4, w // 180))
    _leaf(draw, stem[18], h * 0.34, h * 0.14, -math.pi / 5, TEAL)
    _leaf(draw, stem[28], h * 0.3, h * 0.12, -math.pi + math.pi / 5, SAGE)


def _infusion(draw, size):
    w, h = size
    draw.rectangle([0, 0, w, h], fill=SKY)
    draw.rectangle([0, h * 0.78, w, h], fill=SAND)
    x0, y0, x1, y1 = w * 0.18, h * 0.12, w * 0.42, h * 0.72
    draw.rectangle([x0, y0, x1, y1], fill=(250, 246, 236), outline=TEAL, width=max(4, w // 200))
    draw.line([((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)], fill=TEAL, width=max(3, w // 300))
    draw.line([(x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)], fill=TEAL, width=max(3, w // 300))
    # The reclining chair: a slanted back, a seat and a raised footrest.
    draw.polygon([(w * 0.55, h * 0.3), (w * 0.62, h * 0.27), (w * 0.68, h * 0.62), (w * 0.6, h * 0.64)], fill=TEAL)
    draw.rounded_rectangle([w * 0.6, h * 0.56, w * 0.8, h * 0.66], radius=h * 0.02, fill=TEAL_SOFT)
    draw.polygon([(w * 0.79, h * 0.56), (w * 0.9, h * 0.5), (w * 0.92, h * 0.56), (w * 0.8, h * 0.64)], fill=SAGE)
    draw.rectangle([w * 0.66, h * 0.66, w * 0.68, h * 0.78], fill=INK)
    draw.rectangle([w * 0.74, h * 0.66, w * 0.76, h * 0.78], fill=INK)


def _home_program(draw, size):
    w, h = size
    _gradient(draw, size, (214, 226, 224), (240, 222, 200))
    _hill(draw, size, h * 0.75, h * 0.04, w / 3, 0.6, TEAL)
    body = [w * 0.38, h * 0.45, w * 0.62, h * 0.75]
    draw.rectangle(body, fill=SAND)
    draw.polygon([(w * 0.35, h * 0.46), (w * 0.5, h * 0.28), (w * 0.65, h * 0.46)], fill=CLAY)
    draw.rectangle([w * 0.44, h * 0.52, w * 0.5, h * 0.6], fill=(246, 204, 120))
    draw.rectangle([w * 0.54, h * 0.6, w * 0.59, h * 0.75], fill=TEAL_SOFT)


def _functional(draw, size):
    w, h = size
    draw.rectangle([0, 0, w, h * 0.6], fill=SKY)
    draw.rectangle([0, h * 0.6, w, h], fill=(120, 92, 70))
    draw.line([(w * 0.5, h * 0.6), (w * 0.5, h * 0.3)], fill=TEAL, width=max(5, w // 160))
    _leaf(draw, (w * 0.5, h * 0.34), h * 0.2, h * 0.1, -math.pi / 6, TEAL)
    _leaf(draw, (w * 0.5, h * 0.38), h * 0.18, h * 0.09, -math.pi + math.pi / 6, SAGE)
    for angle in (-0.5, 0.0, 0.5):
        end = (w * 0.5 + math.sin(angle) * h * 0.25, h * 0.6 + math.cos(angle) * h * 0.25)
        draw.line([(w * 0.5, h * 0.6), end], fill=SAND, width=max(3, w // 320))


DRAWERS = {
    "hero": _hero,
    "article": _article,
    "infusion": _infusion,
    "home-program": _home_program,
    "functional": _functional,
}


def draw(key, size=(1600, 900)):
    """The illustration for `key` as JPEG bytes in a buffer."""
    img = Image.new("RGB", size, SKY)
    DRAWERS[key](ImageDraw.Draw(img), size)
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=85)
    return buffer
