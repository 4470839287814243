"""Measure the text model's cosines of unrelated terms per pair of languages and write
src/corridor/matching/language_offsets.toml (read by corridor.matching.languages). Run it again when the model or
the glossaries change; tests/unit/matching/test_languages.py fails while the shipped file is out of date.

python scripts/measure_language_offsets.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from corridor.matching.encoder import E5Encoder
from corridor.matching.languages import LANGUAGES, measure_unrelated_cosines

OUT = Path(__file__).resolve().parents[1] / "src" / "corridor" / "matching" / "language_offsets.toml"


def main() -> None:
    encoder = E5Encoder()
    found = measure_unrelated_cosines(encoder)
    lines = [
        "# Mean cosine of a query term and the passage terms of OTHER concepts, per (query, passage) language,",
        "# over the parallel terms of glossary_cjk.tsv and glossary.tsv (corridor.matching.glossary.parallel_terms).",
        "# Written by scripts/measure_language_offsets.py; see corridor/matching/languages.py and docs/adr/0022.",
        f'model = "{encoder.name}"',
        f'measured = "{dt.date.today().isoformat()}"',
        "",
        "[unrelated_cosine]",
    ]
    for query_lang in LANGUAGES:
        cells = ", ".join(f"{p} = {found[(query_lang, p)]:.4f}" for p in LANGUAGES)
        lines.append(f"{query_lang} = {{ {cells} }}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
