"""The public labelled sentence sets (third-party; measured, never tuned to), for the tests and
bench/sentiment.py: the UCI "Sentiment Labelled Sentences" (English) and the Dutch SemEval-2016
restaurant sentences, read from shared/benchdata/sentiment/ beside the checkout."""

from __future__ import annotations

from pathlib import Path

from survey import sentiment

ROOT = Path(__file__).resolve().parent.parent.parent
# shared/ sits beside the repository (CI) or beside the folder that holds worktrees.
BENCHDATA = next(
    (p / "shared" / "benchdata" / "sentiment" for p in ROOT.parents if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "benchdata" / "sentiment",
)


def uci(name: str) -> list[tuple[str, str]]:
    rows = []
    with open(BENCHDATA / f"{name}_labelled.txt", encoding="utf-8", newline="\n") as handle:
        for line in handle:
            text, label = line.rstrip("\n").rsplit("\t", 1)
            rows.append((text.strip(), "positive" if label.strip() == "1" else "negative"))
    return rows


def dutch(service_only: bool = False) -> list[tuple[str, str]]:
    rows = []
    with open(BENCHDATA / "dutch_restaurants_semeval16.tsv", encoding="utf-8") as handle:
        for line in handle:
            text, label, aspects = line.rstrip("\n").split("\t")
            if not service_only or "SERVICE" in aspects:
                rows.append((text, label))
    return rows


def polar(rows, score) -> tuple[float, float, int]:
    """Coverage and accuracy on the polar items of `rows` under `score(text) -> label`."""
    items = [(t, lab) for t, lab in rows if lab in ("positive", "negative")]
    tagged = right = 0
    for text, label in items:
        got = score(text)
        if got != "neutral":
            tagged += 1
            right += got == label
    return tagged / len(items), right / max(tagged, 1), len(items)


def combined(language: str):
    return lambda text: sentiment.tag(text, language).label
