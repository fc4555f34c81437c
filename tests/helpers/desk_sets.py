"""Scoring the tagger on labelled desk comments: three-class agreement, confusion, topic F1.

Three sets live in tests/data/, and they are reported apart because they mean different things:
- desk_comments_test.tsv: the FROZEN TEST SPLIT, written before the rules and never tuned on;
  the honest figure for comments nobody has seen.
- desk_comments_tuning.tsv: the set the topic and sentiment rules were developed against.
- desk_comments.tsv: the older own set, written together with the earlier rules (no topics).
Each line: language, question, label, [topics,] text. The question's role and topic come from
questions.yaml, as they do for stored comments.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from survey import questionnaire, sentiment, topics

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
SETS = {
    "frozen test split": DATA / "desk_comments_test.tsv",
    "tuning set": DATA / "desk_comments_tuning.tsv",
    "older own set (tuned)": DATA / "desk_comments.tsv",
}
LABELS = ("positive", "neutral", "negative")


@dataclass(frozen=True)
class Item:
    language: str
    question: str
    label: str
    topics: tuple[str, ...] | None  # None: the set has no topic labels
    text: str


def read(path: Path) -> list[Item]:
    """The labelled comments of one set."""
    return [item for batch in batches(path).values() for item in batch]


def batches(path: Path) -> dict[str, list[Item]]:
    """The labelled comments of one set by batch: "" before the first "# Probe batch N" line,
    then "Probe batch N" for the lines under each such header (each scored once when written)."""
    found: dict[str, list[Item]] = {"": []}
    items = found[""]
    with open(path, encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if row and row[0].startswith("# Probe batch"):
                items = found.setdefault(row[0][2:].split(" (")[0], [])
            if not row or row[0].startswith("#"):
                continue
            if len(row) == 5:
                language, question, label, names, text = row
                topics_of = () if names == "-" else tuple(names.split(","))
            else:
                (language, question, label, text), topics_of = row, None
            items.append(Item(language, question, label, topics_of, text))
    return found


def first_scorings(path: Path) -> dict[str, str]:
    """What each probe batch scored once, when it was written, as its "# Probe batch N (...)"
    header line says it."""
    found = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("# Probe batch"):
                name, _, rest = line[2:].partition(" (")
                rest = rest.rstrip().removesuffix(")")
                # "...; scored once ...: 76.0% (en 68.0, ...), ..." or, in older headers,
                # "...; scored 44% before the rules learnt from it"
                found[name] = rest.rpartition(": ")[2] if ": " in rest else rest.rpartition("; ")[2]
    return found


@dataclass
class Score:
    """What the tagger got right on one set."""

    hits: dict[str, list[bool]] = field(default_factory=dict)  # "all", a language, a question
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)  # (gold, tagged) -> n
    topic_counts: dict[str, list[int]] = field(default_factory=dict)  # topic -> [tp, fp, fn]
    misses: list[tuple[Item, str, tuple[str, ...]]] = field(default_factory=list)

    def agreement(self, key: str = "all") -> float:
        """Share of comments given the coordinator's label (three classes)."""
        hits = self.hits.get(key, [])
        return sum(hits) / len(hits) if hits else float("nan")

    def outside_english(self) -> float:
        """Agreement over the comments not in English."""
        hits = [h for k in ("nl", "de", "fr") for h in self.hits.get(k, [])]
        return sum(hits) / len(hits) if hits else float("nan")

    def topic_f1(self) -> dict[str, float]:
        """F1 per topic."""
        scores = {}
        for topic, (tp, fp, fn) in self.topic_counts.items():
            scores[topic] = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")
        return scores

    def micro_f1(self) -> float:
        """F1 over every (comment, topic) decision."""
        tp, fp, fn = (sum(c[i] for c in self.topic_counts.values()) for i in range(3))
        return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")

    def macro_f1(self) -> float:
        """Mean of the per-topic F1."""
        values = [v for v in self.topic_f1().values() if v == v]
        return sum(values) / len(values) if values else float("nan")


def score(items: list[Item], survey: questionnaire.Questionnaire | None = None) -> Score:
    """Tag every item as a stored answer to its question would be tagged, and count."""
    survey = survey or questionnaire.load(ROOT / "questions.yaml")
    result = Score()
    with_topics = any(item.topics is not None for item in items)
    if with_topics:
        result.topic_counts = {topic: [0, 0, 0] for topic in topics.TOPICS}
    for item in items:
        tag = sentiment.tag_answer(item.text, item.language, survey.question(item.question))
        right = tag.label == item.label
        for key in ("all", item.language, item.question):
            result.hits.setdefault(key, []).append(right)
        pair = (item.label, tag.label)
        result.confusion[pair] = result.confusion.get(pair, 0) + 1
        if item.topics is not None:
            for topic in topics.TOPICS:
                gold, got = topic in item.topics, topic in tag.topics
                if gold or got:
                    result.topic_counts[topic][0 if gold and got else 1 if got else 2] += 1
        if not right or (item.topics is not None and set(item.topics) != set(tag.topics)):
            result.misses.append((item, tag.label, tag.topics))
    return result


def report(name: str, result: Score) -> list[str]:
    """Printable lines: agreement overall, per language and question, confusion, topic F1."""
    n = len(result.hits["all"])
    lines = [f"{name}: {n} comments, three-class agreement {result.agreement():.1%}"]
    parts = [
        f"{key} {result.agreement(key):.1%} (n={len(result.hits[key])})"
        for key in ("en", "nl", "de", "fr")
        if key in result.hits
    ]
    lines.append(
        f"  per language: {', '.join(parts)}; outside English {result.outside_english():.1%}"
    )
    questions = sorted(k for k in result.hits if k not in ("all", "en", "nl", "de", "fr"))
    parts = [f"{q} {result.agreement(q):.1%} (n={len(result.hits[q])})" for q in questions]
    lines.append(f"  per question: {', '.join(parts)}")
    lines.append("  confusion (rows: coordinator, columns: tagger): " + " / ".join(LABELS))
    for gold in LABELS:
        cells = " ".join(f"{result.confusion.get((gold, got), 0):4d}" for got in LABELS)
        lines.append(f"    {gold:9s} {cells}")
    if result.topic_counts:
        lines.append(
            f"  topics: micro-F1 {result.micro_f1():.2f}, macro-F1 {result.macro_f1():.2f}"
        )
        for topic, f1 in result.topic_f1().items():
            tp, fp, fn = result.topic_counts[topic]
            lines.append(f"    {topic:13s} F1 {f1:.2f}  (tp {tp}, fp {fp}, fn {fn})")
    return lines
